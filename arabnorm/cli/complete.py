"""Shell completion of preset and stage names (click's built-in completion).

Enable it with, for bash, ``eval "$(_ARABNORM_COMPLETE=bash_source arabnorm)"``;
``arabnorm clean -p <TAB>`` then offers every preset, including those of the
config file, and ``-s alef,dia<TAB>`` completes the last stage of the list.
"""

from __future__ import annotations

from typing import Any

from click.shell_completion import CompletionItem


def complete_presets(ctx: Any, param: Any, incomplete: str) -> list[CompletionItem]:
    """Preset names starting with ``incomplete``."""
    from arabnorm.config import use_config
    from arabnorm.errors import ArabnormError
    from arabnorm.presets import all_presets

    try:
        use_config()
    except ArabnormError:
        pass  # a broken config must not break completion
    return [
        CompletionItem(name, help=purpose)
        for name, (_spec, purpose) in all_presets().items()
        if name.startswith(incomplete)
    ]


def complete_stages(ctx: Any, param: Any, incomplete: str) -> list[CompletionItem]:
    """The last item of a comma-separated stage list, completed to a stage name.

    >>> [c.value for c in complete_stages(None, None, "x,tatw")]
    ['x,tatweel']
    """
    from arabnorm.stages import all_stages

    head, _, last = incomplete.rpartition(",")
    prefix = f"{head}," if head else ""
    return [
        CompletionItem(prefix + name, help=cls.summary)
        for name, cls in all_stages().items()
        if name.startswith(last)
    ]
