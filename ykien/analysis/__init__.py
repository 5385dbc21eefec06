"""A library of algorithms over Vietnamese text and votes (no Django app): normalisation,
near-duplicates and campaigns, topics, opinion groups, common ground and routing. See
``docs/domains/analysis.md``."""
