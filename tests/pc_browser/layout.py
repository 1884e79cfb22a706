"""What a PC or smartphone page must look like in Chromium, measured in the page: no sideways
scrolling, and the layout of keitai/static/keitai.css (the layout helper's contract: main
.k-main, nav.k-menu, aside.k-side, and the phone's bottom bar nav.k-tabbar).
"""
from __future__ import annotations

from typing import Any

from playwright.sync_api import Page

#: the boxes of the page's regions, the bottom bar's, and what the page measures
_MEASURE = """() => {
  const box = sel => {
    const el = document.querySelector(sel);
    if (!el) return null;
    const r = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    return {left: r.left, right: r.right, top: r.top, bottom: r.bottom,
            width: r.width, height: r.height, position: style.position,
            shown: style.display !== 'none' && style.visibility !== 'hidden'
                   && r.width > 0 && r.height > 0};
  };
  return {scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth,
          innerHeight: window.innerHeight, member: document.body.classList.contains('k-member'),
          main: box('main.k-main'), menu: box('nav.k-menu'), side: box('aside.k-side'),
          tabbar: box('nav.k-tabbar')};
}"""
#: the lowest bottom of what the page shows but the bottom bar, scrolled to its end
_CONTENT_BOTTOM = """() => {
  window.scrollTo(0, document.documentElement.scrollHeight);
  let bottom = 0;
  for (const el of document.body.querySelectorAll('*')) {
    if (el.closest('.k-tabbar, .k-skip, script, style')) continue;
    const r = el.getBoundingClientRect();
    if (r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden')
      bottom = Math.max(bottom, r.bottom);
  }
  return bottom;
}"""


def measure(page: Page) -> dict[str, Any]:
    """Return the page's width, its viewport and the boxes of its regions."""
    found: dict[str, Any] = page.evaluate(_MEASURE)
    return found


def no_sideways_scroll(page: Page, where: str) -> list[str]:
    """Return a problem when the page is wider than the window (it would scroll sideways)."""
    boxes = measure(page)
    if boxes["scrollWidth"] > boxes["innerWidth"]:
        return [f"{where}: the page is {boxes['scrollWidth']} px wide in a "
                f"{boxes['innerWidth']} px window (it scrolls sideways)"]
    return []


def desktop_problems(page: Page, where: str) -> list[str]:
    """Return what is wrong with a member's page on a wide screen: the menu, the page and the
    side column must stand side by side, left to right."""
    boxes = measure(page)
    problems = [f"{where}: no {name} region shown" for name in ("main", "menu", "side")
                if not (boxes[name] and boxes[name]["shown"])]
    if problems:
        return problems
    menu, main, side = boxes["menu"], boxes["main"], boxes["side"]
    if not (menu["right"] <= main["left"] + 0.5 and main["right"] <= side["left"] + 0.5):
        problems.append(f"{where}: the menu, main and side columns are not side by side "
                        f"(menu {menu['left']:.0f}-{menu['right']:.0f}, main "
                        f"{main['left']:.0f}-{main['right']:.0f}, side "
                        f"{side['left']:.0f}-{side['right']:.0f})")
    elif not (menu["top"] < main["bottom"] and main["top"] < menu["bottom"]
              and side["top"] < main["bottom"] and main["top"] < side["bottom"]):
        problems.append(f"{where}: the columns do not share a row (tops {menu['top']:.0f}, "
                        f"{main['top']:.0f}, {side['top']:.0f})")
    if boxes["tabbar"] and boxes["tabbar"]["shown"]:
        problems.append(f"{where}: the phone's bottom bar shows on a wide screen")
    return problems


def phone_problems(page: Page, where: str) -> list[str]:
    """Return what is wrong with a member's page on a phone: the bottom bar shown and fixed
    at the bottom of the screen, and the page's last content above it when scrolled to the
    end."""
    boxes = measure(page)
    tabbar = boxes["tabbar"]
    if not (tabbar and tabbar["shown"]):
        return [f"{where}: no bottom bar (nav.k-tabbar) shown"]
    problems = []
    if tabbar["position"] != "fixed":
        problems.append(f"{where}: the bottom bar is position: {tabbar['position']}, not fixed")
    if abs(tabbar["bottom"] - boxes["innerHeight"]) > 1:
        problems.append(f"{where}: the bottom bar ends at {tabbar['bottom']:.0f} px, not at "
                        f"the screen's bottom ({boxes['innerHeight']} px)")
    content = float(page.evaluate(_CONTENT_BOTTOM))
    top = measure(page)["tabbar"]["top"]
    if content > top + 0.5:
        problems.append(f"{where}: the bottom bar (top {top:.0f} px) covers the page's last "
                        f"content (down to {content:.0f} px) when scrolled to the end")
    page.evaluate("() => window.scrollTo(0, 0)")
    return problems
