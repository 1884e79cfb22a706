"""The handset simulator: browse a keitai site from a PC as any handset, and read its mail."""
