"""The attribution engine behind :func:`tahqiq.sources.extract_sources`, one job a module.

- :mod:`.lexicon`: the versioned tables (``sources/tables/*.json``), letter folding,
  proclitics and the folded word lists, patterns and limits (loaded on first use).
- :mod:`.names`: how outlet names are written and matched (trie patterns, skeletons,
  the contexts a name that is also a word needs).
- :mod:`.gazetteer`: the outlet gazetteer (:class:`~.gazetteer.Gazetteer`,
  :func:`~.gazetteer.load_gazetteer`).
- :mod:`.spans`: the read document (:class:`~.spans.Doc`: tokens, sentences, cues,
  outlet mentions) and token and span helpers.
- :mod:`.phrases`: where a speaker noun phrase or a reported clause starts and ends.
- :mod:`.speech`: the rules per cue kind that turn cues into attributions.
- :mod:`.publishers`: the site that publishes the text (header, footer, credit, dateline).
- :mod:`.citations`: which known outlets the text cites.
- :mod:`.unknown`: cited outlets the gazetteer does not know.

The public names stay where they were: :mod:`tahqiq.sources.attribution`,
:mod:`tahqiq.sources.outlets` and :mod:`tahqiq.sources._speech` re-export them.
Importing this package does no work.
"""
