"""Attribution checks: a claimed quote (and speaker) against the stored sources, and where it travelled."""
