"""The site's access-key map: which number key does what, the same on every page.

A handset user learns a site by its keys: 0 goes to the top wherever they are, 9 goes back
up to the page this one belongs to, 1 writes (the page's main create action), 4 and 6 turn a
list's pages and * and # move through the parts of a page the gateway split for a small
handset. Templates ask for these as `keys.home`, `keys.back`, ... (a Jinja global, see
keitai.gateway.templating); the page splitter (keitai.gateway.paging) puts its part links on
PART_PREV and PART_NEXT. The other digits (1 to 8 where the page has no write action, 2, 3,
5, 7, 8 always) are free for a page's own menu.

The labels that go with the keys are here too, so a label seen on one page means the same on
every other: the pager's 前へ/次へ and the split parts' ▲前/▼次 are different words for
different moves, never two links of one name on one page.
"""
from __future__ import annotations

from typing import Final, NamedTuple

#: the top page (the member's home once logged in): トップ, on every page
HOME: Final = "0"
#: up to the page this one belongs to: …に戻る, 戻る, or ○○さんのページ from a member's pages
BACK: Final = "9"
#: the page's main write or create action: 日記を書く, 書き込む, コメントする, トピックを作成 …
WRITE: Final = "1"
#: a list's previous and next page (s.pager, s.keyset_pager): 前へ / 次へ; a page that steps
#: through a row of like things says what it steps to (前の写真 / 次の写真)
PREV: Final = "4"
NEXT: Final = "6"
#: the previous and next part of a page split to fit the handset: ▲前 / ▼次
PART_PREV: Final = "*"
PART_NEXT: Final = "#"

#: what the reserved keys' links say
HOME_LABEL: Final = "トップ"
PREV_LABEL: Final = "前へ"
NEXT_LABEL: Final = "次へ"
#: the split page's part links: as short as 前へ/次へ (the same bytes, so no page is cut
#: elsewhere for them), and the arrows say "up or down this same page", not "another page"
PART_PREV_LABEL: Final = "▲前"
PART_NEXT_LABEL: Final = "▼次"

#: the keys a numbered menu takes, in order, on a page without a write action (a page that
#: writes gives 1 to it)
MENU: Final = ("1", "2", "3", "5", "7", "8")

#: keys no page may give to anything but their own meaning (1, WRITE, is a page's first menu
#: key where the page writes nothing)
RESERVED: Final = frozenset((HOME, BACK, PREV, NEXT, PART_PREV, PART_NEXT))


class KeyMap(NamedTuple):
    """The key map as templates read it: `keys.back`, `keys.write`, ..."""

    home: str = HOME
    back: str = BACK
    write: str = WRITE
    prev: str = PREV
    next: str = NEXT
    part_prev: str = PART_PREV
    part_next: str = PART_NEXT
    menu: tuple[str, ...] = MENU


#: the Jinja global `keys`
KEYS: Final = KeyMap()
