"""The options file: takes a school's options file (YAML: school, policy, contacts, choices,
theme, logo) and the clause library it names; gives the school's checked `Choices` (or every
problem as `file:line: key: message`), its letterhead `Theme`, and the options explained as the
library defines them (`describe`) and found in the file (`locate`).
"""
