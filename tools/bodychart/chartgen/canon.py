"""Landmarks of the figure, from the shared brief (8-head canon, H = 120 units, 400 x 1000 views).

Content authors place trigger-point markers with these numbers, so the drawing is built on them.
"""

from __future__ import annotations

H = 120.0
MID = 200.0

CROWN = 20.0
EYES = 80.0
CHIN = 140.0
NECK_PIT = 176.0  # pit of the neck, clavicles
SHOULDER = 185.0
NIPPLE = 260.0
ELBOW = 350.0
NAVEL = 380.0
ILIAC = 440.0
PUBIS = 500.0  # pubis, greater trochanters, wrists
MIDTHIGH = 620.0
KNEE = 740.0
CALF = 860.0
ANKLE = 950.0
SOLE = 980.0

SHOULDER_HALF = 120.0  # shoulders x 80..320
WAIST_HALF = 72.0  # waist 144
HIP_HALF = 90.0  # hips x 110..290

# Close-ups (400 x 400)
HEAD_CROWN = 30.0
HEAD_CHIN = 370.0
HEAD_SCALE = (CHIN - CROWN) / (HEAD_CHIN - HEAD_CROWN)  # close-up head -> whole-body head
HAND_TIP = 20.0
HAND_WRIST = 382.0
