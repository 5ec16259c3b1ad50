"""Pure view builders shared by the terminal and Slack front ends."""
