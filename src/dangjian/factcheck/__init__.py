"""Fact-checking a draft report against the ledger, and saving the figures of past reports."""
