/* The anchor scan of linter/claims.py in C: an optional accelerator.
 *
 * anchors(prose, words) returns, in order, every position of ``prose`` where a claim can
 * be: the first digit of a run of digits, a currency sign, a trigger word, or in/within
 * before a vague span of days, weeks or months. It gives exactly what claims._anchors
 * gives (tests/test_anchors.py checks both on generated and real text); claims.py uses it
 * only when it imports and accelerators.allowed() is true.
 *
 * Positions are code points: the str is read as whatever kind (1, 2 or 4 bytes a
 * character) it is stored in, through PyUnicode_READ, and every read is bounds-checked.
 * Character classes are those of Python's re module for str patterns: \d is
 * Py_UNICODE_ISDECIMAL, \s is Py_UNICODE_ISSPACE, \w is Py_UNICODE_ISALNUM or '_'.
 */

#define PY_SSIZE_T_CLEAN
#include <Python.h>

#define MAX_WORDS 256
#define MAX_WORD_LENGTH 64

typedef struct {
    int kind;
    const void *data;
    Py_ssize_t length;
} Text;

static inline Py_UCS4
char_at(const Text *text, Py_ssize_t index)
{
    return index >= 0 && index < text->length ? PyUnicode_READ(text->kind, text->data, index)
                                              : 0;
}

static inline int
is_decimal(Py_UCS4 c)
{
    return c < 128 ? (c >= '0' && c <= '9') : Py_UNICODE_ISDECIMAL(c);
}

static inline int
is_word(Py_UCS4 c)
{
    return c == '_' || Py_UNICODE_ISALNUM(c);
}

static inline int
is_sign(Py_UCS4 c)
{
    return c == '$' || c == 0xA3 /* £ */ || c == 0x20AC /* € */ || c == 0xA5 /* ¥ */;
}

/* Whether ``literal`` (ASCII) stands at ``at``. */
static int
literal_at(const Text *text, Py_ssize_t at, const char *literal, Py_ssize_t length)
{
    if (at < 0 || length > text->length - at) {
        return 0;
    }
    for (Py_ssize_t i = 0; i < length; i++) {
        if (PyUnicode_READ(text->kind, text->data, at + i) != (Py_UCS4)(unsigned char)literal[i]) {
            return 0;
        }
    }
    return 1;
}

/* Whether a word boundary follows a word character that ends at ``end``: \b there. */
static inline int
word_ends(const Text *text, Py_ssize_t end)
{
    return end >= text->length || !is_word(char_at(text, end));
}

static Py_ssize_t
skip_spaces(const Text *text, Py_ssize_t at)
{
    while (at < text->length && Py_UNICODE_ISSPACE(PyUnicode_READ(text->kind, text->data, at))) {
        at++;
    }
    return at;
}

/* (?:days|weeks|months)\b at ``at``. */
static int
unit_at(const Text *text, Py_ssize_t at)
{
    static const char *units[] = {"days", "weeks", "months"};
    for (int i = 0; i < 3; i++) {
        Py_ssize_t length = (Py_ssize_t)strlen(units[i]);
        if (literal_at(text, at, units[i], length) && word_ends(text, at + length)) {
            return 1;
        }
    }
    return 0;
}

/* (?:[Ii]n|[Ww]ithin)\s+(?:a\s+few\s+)?(?:days|weeks|months)\b at ``at``. */
static int
vague_span_at(const Text *text, Py_ssize_t at)
{
    Py_UCS4 first = char_at(text, at);
    Py_ssize_t after;
    if ((first == 'I' || first == 'i') && literal_at(text, at + 1, "n", 1)) {
        after = at + 2;
    }
    else if ((first == 'W' || first == 'w') && literal_at(text, at + 1, "ithin", 5)) {
        after = at + 6;
    }
    else {
        return 0;
    }
    Py_ssize_t next = skip_spaces(text, after);
    if (next == after) {
        return 0;
    }
    if (literal_at(text, next, "a", 1)) {
        Py_ssize_t few = skip_spaces(text, next + 1);
        if (few > next + 1 && literal_at(text, few, "few", 3)) {
            Py_ssize_t unit = skip_spaces(text, few + 3);
            if (unit > few + 3 && unit_at(text, unit)) {
                return 1;
            }
        }
    }
    return unit_at(text, next);
}

/* The trigger words, grouped by their first character (all are ASCII). */
typedef struct {
    const char *word[MAX_WORDS];
    Py_ssize_t length[MAX_WORDS];
    int first[129]; /* words with first character c: first[c] to first[c + 1] - 1 */
} Words;

/* Groups the words by first character. They are read in place: ``tuple`` is immutable and
 * the caller holds it (and so its str items) for the whole call. */
static int
load_words(PyObject *tuple, Words *words)
{
    Py_ssize_t count = PyTuple_GET_SIZE(tuple);
    if (count > MAX_WORDS) {
        PyErr_SetString(PyExc_ValueError, "too many words");
        return -1;
    }
    int counts[128] = {0};
    const char *word[MAX_WORDS];
    Py_ssize_t length[MAX_WORDS];
    for (Py_ssize_t i = 0; i < count; i++) {
        PyObject *item = PyTuple_GET_ITEM(tuple, i);
        if (!PyUnicode_Check(item)) {
            PyErr_SetString(PyExc_TypeError, "words must be str");
            return -1;
        }
#if PY_VERSION_HEX < 0x030C0000
        if (PyUnicode_READY(item) < 0) {
            return -1;
        }
#endif
        if (!PyUnicode_IS_ASCII(item) || PyUnicode_GET_LENGTH(item) < 1 ||
            PyUnicode_GET_LENGTH(item) > MAX_WORD_LENGTH) {
            PyErr_SetString(PyExc_ValueError, "words must be ASCII, of 1 to 64 characters");
            return -1;
        }
        word[i] = (const char *)PyUnicode_1BYTE_DATA(item);
        length[i] = PyUnicode_GET_LENGTH(item);
        counts[(unsigned char)word[i][0]]++;
    }
    words->first[0] = 0;
    for (int c = 0; c < 128; c++) {
        words->first[c + 1] = words->first[c] + counts[c];
    }
    int next[128];
    memcpy(next, words->first, sizeof(next));
    for (Py_ssize_t i = 0; i < count; i++) {
        int slot = next[(unsigned char)word[i][0]]++;
        words->word[slot] = word[i];
        words->length[slot] = length[i];
    }
    return 0;
}

/* A trigger word followed by a word boundary at ``at`` (its first character is ``first``). */
static int
trigger_word_at(const Text *text, const Words *words, Py_ssize_t at, Py_UCS4 first)
{
    if (first >= 128) {
        return 0;
    }
    for (int i = words->first[first]; i < words->first[first + 1]; i++) {
        if (literal_at(text, at, words->word[i], words->length[i]) &&
            word_ends(text, at + words->length[i])) {
            return 1;
        }
    }
    return 0;
}

static int
append(PyObject *list, Py_ssize_t position)
{
    PyObject *number = PyLong_FromSsize_t(position);
    if (number == NULL) {
        return -1;
    }
    int failed = PyList_Append(list, number);
    Py_DECREF(number);
    return failed;
}

static PyObject *
anchors(PyObject *module, PyObject *args)
{
    (void)module;
    PyObject *prose, *tuple;
    if (!PyArg_ParseTuple(args, "UO!:anchors", &prose, &PyTuple_Type, &tuple)) {
        return NULL;
    }
    Words words;
    if (load_words(tuple, &words) < 0) {
        return NULL;
    }
    Text text = {PyUnicode_KIND(prose), PyUnicode_DATA(prose), PyUnicode_GET_LENGTH(prose)};
    PyObject *positions = PyList_New(0);
    if (positions == NULL) {
        return NULL;
    }
    Py_UCS4 before = ' '; /* what stands before position 0: no digit, no word character */
    for (Py_ssize_t at = 0; at < text.length; at++) {
        Py_UCS4 c = PyUnicode_READ(text.kind, text.data, at);
        int found = 0;
        if (is_sign(c)) {
            found = 1;
        }
        else if (is_decimal(c)) {
            found = !is_decimal(before);
        }
        else if (c < 128 && (words.first[c] < words.first[c + 1] || c == 'I' || c == 'i' ||
                             c == 'W' || c == 'w')) {
            found = !is_word(before) &&
                    (vague_span_at(&text, at) || trigger_word_at(&text, &words, at, c));
        }
        if (found && append(positions, at) < 0) {
            Py_DECREF(positions);
            return NULL;
        }
        before = c;
    }
    return positions;
}

static PyMethodDef methods[] = {
    {"anchors", anchors, METH_VARARGS,
     "anchors(prose, words: tuple of str) -> list of int: where a claim can be, as claims._anchors."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "linter._anchors",
    "The anchor scan of claim extraction in C (optional; claims.py has the same in Python).",
    -1, methods, NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC
PyInit__anchors(void)
{
    return PyModule_Create(&module);
}
