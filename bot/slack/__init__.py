"""The Slack front end: Block Kit builders, event and action handlers, the Web API edge."""
