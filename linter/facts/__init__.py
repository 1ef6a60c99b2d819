"""Fact tables: reading, the knowledge base, and matching claims to facts."""
