"""Pages for people: thin views over selectors, services and templates."""
