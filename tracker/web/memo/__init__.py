"""The memo: a printable, public-safe account of a jurisdiction's law, partnerships and conflicts, with its sources."""

from tracker.web.memo.memos import MAX_FLAGS, PART_FLAGS
from tracker.web.memo.views import flags_memo, flags_memo_pdf, jurisdiction_memo, jurisdiction_memo_pdf

__all__ = ["MAX_FLAGS", "PART_FLAGS", "flags_memo", "flags_memo_pdf", "jurisdiction_memo", "jurisdiction_memo_pdf"]
