"""The redline: takes two versions of a school's policy (options files or build records); gives
what changed between their Documents and why (`compare`, the changes as data in `changes`), as a
terminal summary or an HTML page (`report`) or a DOCX with tracked changes (the DOCX writer's).
"""
