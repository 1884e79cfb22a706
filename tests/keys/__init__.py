"""The site's access-key map (keitai.gateway.keymap) holds on every page of the demo."""
