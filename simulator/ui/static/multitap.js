/* Multi-tap input as handsets had it: pressing a key again and again types the letters of its
   row in turn, * adds a voicing mark (゛゜) or makes a kana small, and a pause or another key
   commits the letter. The tables are data; type() is pure (the screen's script keeps the
   state between presses and the pause). */
(function (root) {
  "use strict";

  /* What each key types in kana mode, in the order repeated presses give it. */
  var KANA = {
    "1": "あいうえおぁぃぅぇぉ", "2": "かきくけこ", "3": "さしすせそ", "4": "たちつてとっ",
    "5": "なにぬねの", "6": "はひふへほ", "7": "まみむめも", "8": "やゆよゃゅょ",
    "9": "らりるれろ", "0": "わをんゎー", "#": "、。？！・　"
  };

  /* Alphanumeric mode (password fields, istyle=3 and the like): small letters, capitals,
     then the digit; 1 gives the signs of a mail address or URL. */
  var ALPHANUMERIC = {
    "1": ".@-_/:~1", "2": "abcABC2", "3": "defDEF3", "4": "ghiGHI4", "5": "jklJKL5",
    "6": "mnoMNO6", "7": "pqrsPQRS7", "8": "tuvTUV8", "9": "wxyzWXYZ9", "0": " 0",
    "#": "#!?,'\"()"
  };

  /* What * does to the letter before the cursor: each group turns round to its first. */
  var KANA_MARKS = [
    "かが", "きぎ", "くぐ", "けげ", "こご", "さざ", "しじ", "すず", "せぜ", "そぞ",
    "ただ", "ちぢ", "つっづ", "てで", "とど", "はばぱ", "ひびぴ", "ふぶぷ", "へべぺ", "ほぼぽ",
    "あぁ", "いぃ", "うぅゔ", "えぇ", "おぉ", "やゃ", "ゆゅ", "よょ", "わゎ"
  ];

  /* The key's rows and marks written in katakana (カナ fields). */
  function katakana(text) {
    return text.replace(/[\u3041-\u3096]/g, function (letter) {
      return String.fromCharCode(letter.charCodeAt(0) + 0x60);
    });
  }

  function mapValues(table, change) {
    var made = {};
    Object.keys(table).forEach(function (key) { made[key] = change(table[key]); });
    return made;
  }

  var MODES = {
    hiragana: {rows: KANA, marks: KANA_MARKS},
    katakana: {rows: mapValues(KANA, katakana), marks: KANA_MARKS.map(katakana)},
    alphanumeric: {rows: ALPHANUMERIC, marks: null},
    numeric: null
  };

  /* The letter * turns `letter` into, or null when * does nothing to it. */
  function marked(mode, letter) {
    var marks = MODES[mode] && MODES[mode].marks;
    if (marks === null) {  // alphanumeric: * swaps small and capital letters
      var swapped = letter === letter.toUpperCase() ? letter.toLowerCase() : letter.toUpperCase();
      return swapped !== letter ? swapped : null;
    }
    for (var i = 0; i < marks.length; i += 1) {
      var at = marks[i].indexOf(letter);
      if (at >= 0) {
        return marks[i].charAt((at + 1) % marks[i].length);
      }
    }
    return null;
  }

  /* Press `key` with the text `value` and the cursor at `caret`; `pending` is {key, index}
     while the letter before the cursor is still being chosen, else null. Returns the new
     value, caret and pending, and grows: whether a letter was added (not one replaced). */
  function type(mode, pending, key, value, caret) {
    var before = value.slice(0, caret);
    var after = value.slice(caret);
    if (!MODES[mode]) {  // numeric: the key's own sign, at once
      return {value: before + key + after, caret: caret + 1, pending: null, grows: true};
    }
    if (key === "*") {
      var changed = before ? marked(mode, before.slice(-1)) : null;
      if (changed === null) {
        return {value: value, caret: caret, pending: null, grows: false};
      }
      return {value: before.slice(0, -1) + changed + after, caret: caret, pending: null,
              grows: false};
    }
    var row = MODES[mode].rows[key];
    if (!row) {
      return {value: value, caret: caret, pending: null, grows: false};
    }
    if (pending && pending.key === key && before) {
      var index = (pending.index + 1) % row.length;
      return {value: before.slice(0, -1) + row.charAt(index) + after, caret: caret,
              pending: {key: key, index: index}, grows: false};
    }
    return {value: before + row.charAt(0) + after, caret: caret + 1,
            pending: {key: key, index: 0}, grows: true};
  }

  /* The mode a field types in: its input-mode badge on the screen, else its type. */
  function modeOf(type, badge) {
    if (type === "number" || type === "tel" || badge === "数字") {
      return "numeric";
    }
    if (type === "password" || type === "email" || type === "url" || badge === "英数" ||
        badge === "英字") {
      return "alphanumeric";
    }
    if (badge === "カナ" || badge === "半角カナ") {
      return "katakana";
    }
    return "hiragana";
  }

  root.simMultitap = {KANA: KANA, ALPHANUMERIC: ALPHANUMERIC, KANA_MARKS: KANA_MARKS,
                      katakana: katakana, marked: marked, type: type, modeOf: modeOf};
})(window);
