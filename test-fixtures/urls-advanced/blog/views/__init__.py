# Views live in submodules; the package re-exports them.
from . import archive  # noqa: F401
from .posts import PostList, post_detail  # noqa: F401
