"""Pages of the supervision app: officers (``officer``), respondents (``respondent``), the public
accountability board and Regulation 124 feedback (``public``), files (``files``)."""
