"""Publishing: ``build`` (``make build``: every language in its own process, the site replaced
only on success), ``kiosk`` (the signed offline bundle) and ``deploy`` (security headers, CSP
and redirects for nginx), ``preview`` (``make serve``: pages rendered when asked for, a save
shown in about a second).
"""
