/* Roundtable word counter, the same rule as count_words in app/content.py.
 *
 * A word is a whitespace-separated token with at least one letter or digit
 * (Unicode categories L and N), once HTML comments, tags and ordered-list numbers
 * ("1." or "1)" at a line start) are taken out. So **very**, don't, well-known,
 * 3.5 and a URL are one word each; "-", "—" and "*" alone are none.
 * Whitespace is Python's str.isspace() set, spelled out. Keep these steps and
 * regular expressions in step with app/content.py (tests/content/test_words.py checks). */
(function () {
  "use strict";
  var SPACE = "\\t\\n\\x0b\\x0c\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";
  var TAG = new RegExp("</?[A-Za-z][A-Za-z0-9-]*(?:[" + SPACE + "/][^<>]*)?>", "g");
  var LIST_NUMBER = /\n[ \t]*[0-9]+[.)](?=[ \t])/g;
  var WORD = new RegExp("[" + SPACE + "][^" + SPACE + "]*?[\\p{L}\\p{N}][^" + SPACE + "]*", "gu");

  function countWords(text) {
    if (!text) return 0;
    text = "\n" + String(text); // every word now follows a space; every line a newline
    if (text.indexOf("<") !== -1) {
      if (text.indexOf("<!--") !== -1) { // each comment up to the next "-->"; indexOf keeps it linear
        var kept = "", pos = 0, start, end;
        while ((start = text.indexOf("<!--", pos)) !== -1 && (end = text.indexOf("-->", start + 4)) !== -1) {
          kept += text.slice(pos, start) + " ";
          pos = end + 3;
        }
        text = kept + text.slice(pos);
      }
      text = text.replace(TAG, " ");
    }
    text = text.replace(LIST_NUMBER, "\n");
    var words = text.match(WORD);
    return words ? words.length : 0;
  }

  window.Roundtable = window.Roundtable || {};
  window.Roundtable.countWords = countWords;
})();
