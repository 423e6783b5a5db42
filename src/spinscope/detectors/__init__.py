"""Detectors: components that read a Document and return findings (Spans); none changes it."""
