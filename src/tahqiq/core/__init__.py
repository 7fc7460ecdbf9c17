"""tahqiq.core: the machinery every stage shares, below all of them.

- :mod:`.types`: the frozen dataclasses the stages pass to each other;
- :mod:`.errors`: the one error hierarchy;
- :mod:`.config`: settings, resolved once and passed explicitly;
- :mod:`.tables`: the one reader of versioned tables, and the one data version;
- :mod:`.manifest`: the one manifest of every saved artifact;
- :mod:`.parallel`: the mapper that runs pure batch functions here or on workers;
- :mod:`.files`: atomic writes and checksums;
- :mod:`.clock`: the time now, as tahqiq writes it;
- :mod:`.lazy`: lazy package exports.

The old paths (``tahqiq.types``, ``tahqiq.errors``, ``tahqiq.config``,
``tahqiq._files``, ``tahqiq._lazy``, ``tahqiq.sources.parallel``) are the same
modules.  Nothing here imports another tahqiq package.
"""
