"""``python -m storyline``: the same command line as the ``storyline`` script.

Useful where the console script is not on PATH (a virtualenv not activated, a
source checkout run with PYTHONPATH).
"""

from storyline.cli import main

main()
