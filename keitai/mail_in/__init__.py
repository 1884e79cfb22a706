"""Mail that members send to the site: reading handset mail, and posting it."""
