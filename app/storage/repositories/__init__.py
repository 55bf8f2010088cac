"""Queries and writes, one module per aggregate. Functions take the operation's session."""
