from django import forms

from core.widgets import FastSelect


class Form(forms.Form):
    colour = forms.ChoiceField(choices=[("", "---"), ("r", "Red <b>"), ("g", "Green")], widget=FastSelect,
                               required=False)


def test_fast_select_renders_like_a_select_with_selection_and_escaping():
    html = str(Form(data={"colour": "g"})["colour"])
    assert html.startswith("<select") and ' name="colour"' in html and ' id="id_colour"' in html
    assert '<option value="g" selected>Green</option>' in html
    assert '<option value="r">Red &lt;b&gt;</option>' in html
    assert html.count(" selected") == 1


def test_fast_select_without_value_selects_nothing():
    assert " selected" not in str(Form()["colour"])
