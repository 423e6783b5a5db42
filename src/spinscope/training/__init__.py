"""Training and evaluation on public benchmarks: data readers, official scorers, folds.

Nothing here is imported by the analysis pipeline; data paths are always arguments, because the
benchmark data live outside the repository and are never copied into it.
"""
