"""Composing the document: takes the checked `Library` and the school's `Choices`; gives the
`Document` (generator.document) every writer reads: cover facts, the clauses that apply in order
and numbered, their texts rendered and parsed from CommonMark, the contacts table, the sources
appendix, and in the review edition each decision's alternatives and commentary.
"""
