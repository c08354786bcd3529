"""The web app (``khabar serve``) and the views it shares with the offline report."""
