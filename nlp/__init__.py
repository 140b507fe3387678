"""Indonesian NLP for kunker: from an article's text to legislative visit events."""
