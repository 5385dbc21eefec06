"""Pages of the consultations app (public, officer, respondent)."""
