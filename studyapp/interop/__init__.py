"""Take the cards anywhere: Anki packages, LMS question banks (Moodle XML, GIFT, QTI 2.1) and CSV,
and bring an instructor's GIFT or Moodle XML questions into a course folder.

Pure Python: pictures are rendered by the Qt layer (`studyapp.ui.referral_pictures`) and handed in
as a `PictureRenderer`, so this package never imports Qt. Every output file is written whole or
not at all (`atomic`).
"""
