"""Views: each command's result as rows and column specs (what to show, never how).

One module per family — ``listing``, ``compare``, ``show``, ``editions`` (history
and movers), ``pictures`` (charts), ``stats``, ``validate``, ``robustness``,
``explain`` — on the records of ``base``. Import from the modules: this package
imports none of them, so a command pays only for its own view.
"""
