"""Highlighted summaries: the query's words marked, everything escaped."""

from search.engine import clean_query, highlight


def test_marks_the_query_words_and_their_other_forms():
    html = highlight("Pinched nerves cause pain when walking.", "pinched nerve walk")
    assert html == (
        "<mark>Pinched</mark> <mark>nerves</mark> cause pain when <mark>walking</mark>."
    )


def test_does_not_mark_a_different_word_with_the_same_start():
    assert "<mark>" not in highlight("Enlarges the neural foramen.", "foraminotomy")


def test_escapes_the_text_and_the_query():
    html = highlight("Less <b>pain</b> & more", "<b>pain</b>")
    assert html == "Less &lt;b&gt;<mark>pain</mark>&lt;/b&gt; &amp; more"


def test_overlong_queries_are_trimmed_and_whitespace_collapsed():
    assert clean_query("  disc   pain ") == ("disc pain", False)
    query, trimmed = clean_query("a" * 300)
    assert trimmed and len(query) == 256
