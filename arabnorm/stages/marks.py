"""Stages of this family (filled in by the stage work)."""
