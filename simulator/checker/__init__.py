"""The compliance checker: crawl a keitai site as every handset generation and report what
breaks each browser's rules (size, charset, markup, images, emoji, navigation, privacy).

    report = check_site("http://localhost:8000/", select_profiles())

`keitai check URL ...` is its command line; the simulator's "check this page" runs the same
rules on the page on screen.
"""
