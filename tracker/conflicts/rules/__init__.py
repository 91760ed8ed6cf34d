"""Rule families; importing this package registers every rule (ConflictsConfig.ready does it)."""

from tracker.conflicts.rules import ccops, face_recognition, immigration, retention, sharing, state, temporal

__all__ = ["ccops", "face_recognition", "immigration", "retention", "sharing", "state", "temporal"]
