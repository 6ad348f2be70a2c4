# _locale: setlocale queries, localeconv, nl_langinfo, strcoll/strxfrm.
import _locale
print(_locale.setlocale(_locale.LC_ALL), _locale.setlocale(_locale.LC_CTYPE), _locale.localeconv(), _locale.Error.__mro__, _locale.getencoding())
for a in [lambda: _locale.setlocale(99), lambda: _locale.setlocale(0, 'xx_YY'), lambda: _locale.nl_langinfo(_locale.CODESET), lambda: _locale.strcoll('a','b'), lambda: _locale.strxfrm('abc'), lambda: _locale.setlocale(_locale.LC_NUMERIC, 'C'), lambda: _locale.nl_langinfo(_locale.DAY_1), lambda: _locale.nl_langinfo(_locale.RADIXCHAR), lambda: _locale.CHAR_MAX, lambda: _locale.LC_ALL]:
    try: print(a())
    except Exception as e: print(type(e).__name__, e)
