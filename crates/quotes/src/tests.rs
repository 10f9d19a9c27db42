use super::*;
use entente_core::Article;

fn run(text: &str) -> Doc {
    let mut doc = Doc::new(Article::from_text(text, None));
    Quotes::load().unwrap().annotate(&mut doc).unwrap();
    doc
}

fn actor(q: &Quote) -> &str {
    q.speaker_actor.as_ref().map_or("", |a| a.name.as_str())
}

#[test]
fn interrupted_quote_is_one_quote_with_pronoun_speaker() {
    let d = run("Prime Minister Jane Doe spoke on Monday.\n\n\u{201c}We will not give in,\u{201d} she said. \u{201c}Never.\u{201d}");
    assert_eq!(d.quotes.len(), 1, "{:#?}", d.quotes);
    let q = &d.quotes[0];
    assert_eq!(q.quote_spans.len(), 2);
    assert_eq!(q.speaker.as_deref(), Some("she"));
    assert_eq!(actor(q), "Jane Doe");
    assert_eq!(q.cue.as_deref(), Some("say"));
    assert_eq!(q.kind, QuoteType::Direct);
}

#[test]
fn unbalanced_mark_costs_only_its_paragraph() {
    let text = "Minister Ann Lee said: \"The talks failed because nobody came.\n\n\
                The ministry said the vote would be held on Friday.\n\n\
                \"We are ready to talk to anyone,\" said Foreign Minister Omar Said.";
    let d = run(text);
    assert!(
        d.warnings.iter().any(|w| w.contains("unbalanced")),
        "{:?}",
        d.warnings
    );
    // The later paragraphs still give their quotes.
    let direct = d
        .quotes
        .iter()
        .find(|q| q.quote.starts_with("We are ready"))
        .expect("direct quote in the balanced paragraph");
    assert_eq!(actor(direct), "Omar Said");
    let reported = d
        .quotes
        .iter()
        .find(|q| q.kind == QuoteType::Indirect)
        .expect("reported speech in the middle paragraph");
    assert_eq!(reported.quote, "the vote would be held on Friday");
    // The unpaired mark did not swallow the paragraphs after it.
    assert!(d.quotes.iter().all(|q| !q.quote.contains("ministry said")));
}

#[test]
fn multi_paragraph_quotation_runs_on() {
    let text = "Senator Mary Smith said: \u{201c}This is the first part of a long statement.\n\n\
                \u{201c}And this is the second part, which ends here.\u{201d}\n\nNothing else.";
    let d = run(text);
    assert_eq!(d.quotes.len(), 1, "{:#?}", d.quotes);
    assert_eq!(d.quotes[0].quote_spans.len(), 2);
    assert_eq!(actor(&d.quotes[0]), "Mary Smith");
}

#[test]
fn reported_speech_outlet_and_anonymous_source() {
    let d = run(
        "A senior Russian official told Reuters that the convoy had been stopped. \
         Sources familiar with the talks said the deal was close.",
    );
    assert_eq!(d.quotes.len(), 2, "{:#?}", d.quotes);
    let a = &d.quotes[0];
    assert_eq!(a.kind, QuoteType::Indirect);
    assert!(a.anonymous);
    assert_eq!(a.outlet.as_deref(), Some("Reuters"));
    assert_eq!(a.quote, "the convoy had been stopped");
    let inferred = a.anonymous_inferred.as_deref().unwrap();
    assert!(inferred.contains("country=Russia") && inferred.contains("rank=senior"));
    assert_eq!(
        a.speaker_actor
            .as_ref()
            .and_then(|x| x.code.as_ref())
            .map(|c| c.as_str()),
        Some("RUSGOV")
    );
    assert!(d.quotes[1].anonymous);
    assert_eq!(
        d.quotes[1].speaker.as_deref(),
        Some("Sources familiar with the talks")
    );
}

#[test]
fn according_to_and_trailing_attribution() {
    let d = run(
        "According to the state news agency, six people were killed in the blast. \
         The army has withdrawn from the town, officials said on Sunday.",
    );
    assert_eq!(d.quotes.len(), 2, "{:#?}", d.quotes);
    assert_eq!(d.quotes[0].quote, "six people were killed in the blast");
    assert!(d.quotes[0]
        .speaker
        .as_deref()
        .unwrap()
        .contains("news agency"));
    assert_eq!(d.quotes[1].quote, "The army has withdrawn from the town");
    assert_eq!(d.quotes[1].speaker.as_deref(), Some("officials"));
}

#[test]
fn scare_quotes_and_titles_are_not_quotes() {
    let d = run(
        "The so-called \"Islamic State\" group lost ground. The film \"Argo\" won an award. \
         The plan, called \"Operation Peace Spring\", began on Wednesday.",
    );
    assert!(d.quotes.is_empty(), "{:#?}", d.quotes);
}

#[test]
fn mixed_quote_takes_the_sentence_cue() {
    let d = run("Labour Party leader Jeremy Corbyn called the move a \u{201c}smash and grab on our democracy\u{201d}.");
    assert_eq!(d.quotes.len(), 1, "{:#?}", d.quotes);
    assert_eq!(d.quotes[0].kind, QuoteType::Mixed);
    assert_eq!(actor(&d.quotes[0]), "Jeremy Corbyn");
    assert_eq!(d.quotes[0].cue.as_deref(), Some("call"));
}

#[test]
fn title_description_resolves_to_the_named_person() {
    let d = run(
        "AU trade commissioner Albert Muchanga announced that Benin would join. \
         The commissioner said, \"We have not yet agreed on the rules of origin.\"",
    );
    let q = d
        .quotes
        .iter()
        .find(|q| q.kind == QuoteType::Direct)
        .expect("direct quote");
    assert_eq!(q.speaker.as_deref(), Some("The commissioner"));
    assert_eq!(actor(q), "Albert Muchanga");
}

#[test]
fn quote_spans_point_at_the_quoted_words() {
    let text = "\u{201c}Prices will fall next year,\u{201d} said the central bank governor.";
    let d = run(text);
    let q = &d.quotes[0];
    assert_eq!(q.quote_spans[0].slice(&d.text), q.quote);
    assert_eq!(q.quote, "Prices will fall next year,");
    assert_eq!(q.speaker.as_deref(), Some("the central bank governor"));
}

#[test]
fn odd_input_never_panics() {
    for text in [
        "",
        "\"",
        "\u{201d}\u{201c}",
        "said",
        "He said that",
        "\u{2018}quoted\u{2019} \u{2019}s",
        "\"\"\"\"\"\n\n\"\"\"",
        "According to",
        ", according to",
        "(((((( said ))))",
        "X said: \u{201c}\u{201d}",
    ] {
        let _ = run(text);
    }
}

#[test]
fn transcript_turns_are_the_labelled_speakers_direct_speech() {
    let text = "Press Briefing by Press Secretary Dana Whitlock\n\n\
                MS. WHITLOCK: Good afternoon. I said last week that the talks would resume.\n\n\
                We will have more on Friday.\n\n\
                Q  Thank you. I asked the minister, and he said no. Will the President go?\n\n\
                MS. WHITLOCK: Let me be clear: “We are not going,” I told the minister.";
    let d = run(text);
    let turn: Vec<&Quote> = d
        .quotes
        .iter()
        .filter(|q| q.speaker.as_deref() == Some("MS. WHITLOCK"))
        .collect();
    // Three paragraphs of her turns; the question gives no quote.
    assert!(turn.len() >= 3, "{:#?}", d.quotes);
    assert!(turn.iter().all(|q| actor(q) == "Dana Whitlock"));
    assert!(!d.quotes.iter().any(|q| q.quote.starts_with("Thank you")));
    // No first-person or verb phrase is left as a speaker.
    for q in &d.quotes {
        let sp = q.speaker.as_deref().unwrap_or("").to_lowercase();
        assert!(
            !matches!(sp.as_str(), "i" | "we" | "let me" | "i'll" | "i’ll"),
            "{q:#?}"
        );
    }
    // The quoted words inside her turn are hers.
    let quoted = d
        .quotes
        .iter()
        .find(|q| q.quote == "We are not going,")
        .expect("the quotation inside the turn");
    assert_eq!(actor(quoted), "Dana Whitlock");
}

#[test]
fn first_person_verb_phrases_are_never_speakers() {
    let d = run("At the rally, the senator spoke for an hour.\n\n\
                 “This is our moment,” I’ll say to you. “Let us go,” let me add.");
    for q in &d.quotes {
        let sp = q.speaker.as_deref().unwrap_or("");
        assert!(
            !sp.contains(' ') && !sp.contains('’') && !sp.contains('\''),
            "{q:#?}"
        );
    }
}

#[test]
fn cognition_verbs_report_clauses_as_beliefs() {
    let d = run("The finance minister, Ana Ruiz, spoke on Monday. \
                 Ruiz believes the reform will pass before the summer. \
                 She fears that the opposition will block the budget.");
    let belief: Vec<&Quote> = d
        .quotes
        .iter()
        .filter(|q| q.cue_class.as_deref() == Some("belief"))
        .collect();
    assert_eq!(belief.len(), 2, "{:#?}", d.quotes);
    assert!(belief.iter().all(|q| q.kind == QuoteType::Indirect));
    assert!(belief[0].quote.starts_with("the reform will pass"));
    assert_eq!(belief[1].quote, "the opposition will block the budget");
    assert_eq!(actor(belief[1]), "Ana Ruiz");
}

#[test]
fn sourceless_passives_keep_no_speaker_and_a_hedge() {
    let d = run("It is widely believed that the ceasefire will collapse within days.");
    assert_eq!(d.quotes.len(), 1, "{:#?}", d.quotes);
    let q = &d.quotes[0];
    assert_eq!(q.speaker, None);
    assert_eq!(q.quote, "the ceasefire will collapse within days");
    assert_eq!(q.hedge.as_deref(), Some("It is widely believed"));
    assert!(q.anonymous);
}

#[test]
fn in_x_view_and_as_x_noted_attribute_the_main_clause() {
    let d = run("Senator Tom Hale spoke to the committee.\n\n\
                 In Hale's view, the treaty leaves the border open to smugglers.\n\n\
                 As the senator noted, the vote was delayed twice last year.");
    let view = d
        .quotes
        .iter()
        .find(|q| q.quote.starts_with("the treaty"))
        .expect("in X's view");
    assert_eq!(view.speaker.as_deref(), Some("Hale"));
    assert_eq!(view.cue_class.as_deref(), Some("belief"));
    let noted = d
        .quotes
        .iter()
        .find(|q| q.quote.starts_with("the vote was delayed"))
        .expect("as X noted");
    assert_eq!(noted.speaker.as_deref(), Some("the senator"));
    assert_eq!(noted.cue.as_deref(), Some("note"));
}

fn texts(d: &Doc) -> Vec<(Option<&str>, &str)> {
    d.quotes
        .iter()
        .map(|q| (q.speaker.as_deref(), q.quote.as_str()))
        .collect()
}

#[test]
fn raising_passives_are_sourceless_hedged_attributions() {
    let d = run("The minister is said to have resigned after the vote. \
                 Iran is widely believed to be enriching uranium.");
    assert_eq!(d.quotes.len(), 2, "{:#?}", d.quotes);
    let q = &d.quotes[0];
    assert_eq!(q.speaker, None);
    assert_eq!(
        q.quote,
        "The minister is said to have resigned after the vote"
    );
    assert_eq!(q.hedge.as_deref(), Some("is said"));
    assert!(q.anonymous);
    assert_eq!(d.quotes[1].hedge.as_deref(), Some("is widely believed"));
    assert_eq!(d.quotes[1].cue_class.as_deref(), Some("belief"));
    // "reported to the police" is no raising passive; "seen to leave" is
    // perception.
    let d =
        run("The theft was reported to the police on Monday. He was seen to leave the building.");
    assert!(d.quotes.is_empty(), "{:#?}", d.quotes);
    // Inside a subordinate clause the content ends with that clause.
    let d = run("Although its winds are predicted to stay weak, the service issued flood alerts.");
    assert_eq!(
        texts(&d),
        vec![(None, "its winds are predicted to stay weak")]
    );
}

#[test]
fn reportedly_hedges_a_sentence_nothing_else_attributes() {
    let d = run("The militants reportedly seized two villages near the border.");
    assert_eq!(d.quotes.len(), 1, "{:#?}", d.quotes);
    let q = &d.quotes[0];
    assert_eq!(q.speaker, None);
    assert_eq!(q.hedge.as_deref(), Some("reportedly"));
    assert_eq!(q.cue.as_deref(), Some("reportedly"));
    assert_eq!(
        q.quote,
        "The militants reportedly seized two villages near the border"
    );
    // With a source, the source attributes it and the adverb is its hedge.
    let d = run("The ministry reportedly said that the border would reopen.");
    assert_eq!(
        texts(&d),
        vec![(Some("The ministry"), "the border would reopen")]
    );
}

#[test]
fn report_and_indicate_take_a_plain_clause_but_not_an_object() {
    let d = run("Reuters reported the ceasefire had collapsed. \
                 The governor indicated the border would reopen soon.");
    assert_eq!(
        texts(&d),
        vec![
            (Some("Reuters"), "the ceasefire had collapsed"),
            (Some("The governor"), "the border would reopen soon")
        ]
    );
    let d = run("The newspaper reported the deaths of two soldiers who were killed in the raid.");
    assert!(d.quotes.is_empty(), "{:#?}", d.quotes);
}

#[test]
fn coordinated_cues_split_the_clause() {
    let d = run(
        "The president said he supported the deal but denied that he had offered any concessions.",
    );
    assert_eq!(
        texts(&d),
        vec![
            (Some("The president"), "he supported the deal"),
            (Some("The president"), "he had offered any concessions")
        ]
    );
}

#[test]
fn according_to_at_the_end_in_the_middle_and_with_a_noun_source() {
    let d = run("The army entered the city on Sunday according to state television.");
    assert_eq!(
        texts(&d),
        vec![(
            Some("state television"),
            "The army entered the city on Sunday"
        )]
    );
    let d = run("Two women and a man were injured, according to the reports.");
    assert_eq!(
        texts(&d),
        vec![(Some("the reports"), "Two women and a man were injured")]
    );
    let d = run("On Sunday in Paris, according to police, a man was shot near the station.");
    assert_eq!(d.quotes.len(), 1, "{:#?}", d.quotes);
    assert_eq!(d.quotes[0].speaker.as_deref(), Some("police"));
    assert_eq!(d.quotes[0].quote_spans.len(), 2);
    assert_eq!(
        d.quotes[0].quote,
        "On Sunday in Paris a man was shot near the station"
    );
    // "an estimated": an adjective, not the clause's own cue.
    let d = run("According to CNN, Turkey has an estimated two million refugees.");
    assert_eq!(
        texts(&d),
        vec![(Some("CNN"), "Turkey has an estimated two million refugees")]
    );
}

#[test]
fn parenthetical_attribution_takes_both_parts() {
    let d = run("Jane Roe spoke to reporters. The real way forward, she argues, is to cut taxes for families.");
    assert_eq!(d.quotes.len(), 1, "{:#?}", d.quotes);
    let q = &d.quotes[0];
    assert_eq!(q.quote, "The real way forward is to cut taxes for families");
    assert_eq!(actor(q), "Jane Roe");
}

/// Adds tagger output for the first occurrence of each word, in text order.
fn tagged(text: &str, tags: &[(&str, &str)]) -> Doc {
    let mut doc = Doc::new(Article::from_text(text, None));
    let mut from = 0;
    for (w, xpos) in tags {
        let at = from + doc.text[from..].find(w).expect("word in text");
        from = at + w.len();
        doc.tokens.push(entente_core::Token {
            span: Span::new(at, from),
            xpos: (*xpos).into(),
            ..Default::default()
        });
    }
    Quotes::load().unwrap().annotate(&mut doc).unwrap();
    doc
}

#[test]
fn nominal_attribution_ends_before_the_sentence_verb() {
    let d = tagged(
        "Putin's claim that NATO had provoked the war was rejected by Kyiv.",
        &[("claim", "NN"), ("had", "VBD"), ("was", "VBD")],
    );
    assert_eq!(
        texts(&d),
        vec![(Some("Putin"), "NATO had provoked the war")]
    );
    // A noun cue without "that" is no cue ("member states said …" keeps
    // "said"; "states" is a noun).
    let d = tagged(
        "Several member states said they would object to the plan.",
        &[("states", "NNS"), ("said", "VBD")],
    );
    assert_eq!(
        texts(&d),
        vec![(
            Some("Several member states"),
            "they would object to the plan"
        )]
    );
}

fn event(cameo: &str, trigger: Span) -> Event {
    Event {
        sentence: 0,
        source: None,
        target: None,
        cameo: cameo.parse().unwrap(),
        plover_type: None,
        plover_mode: None,
        plover_context: None,
        goldstein: 0.0,
        quad_class: cameo.parse::<CameoCode>().unwrap().quad_class(),
        modality: Modality::Asserted,
        date: None,
        place: None,
        trigger_span: trigger,
        source_span: None,
        target_span: None,
        source_mention: None,
        target_mention: None,
        confidence: 0.5,
        rule: "test".into(),
    }
}

#[test]
fn attributions_link_the_events_they_state() {
    let text = "The minister said Russia attacked the port. Troops left the city.";
    let mut doc = Doc::new(Article::from_text(text, None));
    let at = |w: &str| {
        let i = text.find(w).unwrap();
        Span::new(i, i + w.len())
    };
    // 0: the speech act on the cue; 1: an attack inside the content; 2: an
    // event in another sentence; 3: a non-statement event on the cue.
    doc.events.push(event("010", at("said")));
    doc.events.push(event("190", at("attacked")));
    doc.events.push(event("190", at("left")));
    doc.events.push(event("190", at("said")));
    Quotes::load().unwrap().annotate(&mut doc).unwrap();
    assert_eq!(doc.quotes.len(), 1, "{:#?}", doc.quotes);
    assert_eq!(doc.quotes[0].events, vec![0, 1]);
}

#[test]
fn we_in_a_turn_is_the_speakers_organisation_when_coded() {
    let text = "Remarks by President Biden\n\n\
                THE PRESIDENT: Thank you all. We have said that the sanctions will stay in place. \
                I said that the talks will go on.\n\nThe White House released the text.";
    let mut doc = Doc::new(Article::from_text(text, None));
    let mention = |w: &str, actor: &str, code: &str| {
        let i = text.find(w).unwrap();
        entente_core::Mention {
            sentence: 0,
            span: Span::new(i, i + w.len()),
            token_start: 0,
            token_end: 0,
            kind: entente_core::MentionKind::Name,
            code: Some(entente_core::ActorCode::new(code)),
            actor: Some(actor.into()),
            antecedent: None,
            rule: "test".into(),
        }
    };
    doc.mentions
        .push(mention("President Biden", "Joe Biden", "USAGOV"));
    doc.mentions
        .push(mention("White House", "White House", "USAGOV"));
    Quotes::load().unwrap().annotate(&mut doc).unwrap();
    let we = doc
        .quotes
        .iter()
        .find(|q| q.quote == "the sanctions will stay in place")
        .unwrap_or_else(|| panic!("{:#?}", doc.quotes));
    let a = we.speaker_actor.as_ref().unwrap();
    assert_eq!(a.name, "White House");
    assert_eq!(a.code.as_ref().map(|c| c.as_str()), Some("USAGOV"));
    let i = doc
        .quotes
        .iter()
        .find(|q| q.quote == "the talks will go on")
        .unwrap();
    assert!(actor(i).ends_with("Biden"), "{:#?}", i);
    // Without a coded body in the document, "we" stays the speaker.
    let mut doc = Doc::new(Article::from_text(text, None));
    doc.mentions
        .push(mention("President Biden", "Joe Biden", "USAGOV"));
    Quotes::load().unwrap().annotate(&mut doc).unwrap();
    let we = doc
        .quotes
        .iter()
        .find(|q| q.quote == "the sanctions will stay in place")
        .unwrap();
    assert!(actor(we).ends_with("Biden"), "{:#?}", we);
}

#[test]
fn a_tagged_finite_verb_marks_a_bare_clause_after_weak_cues() {
    let d = tagged(
        "The publication stated the aircraft overran the runway.",
        &[
            ("publication", "NN"),
            ("stated", "VBD"),
            ("the", "DT"),
            ("aircraft", "NN"),
            ("overran", "VBD"),
        ],
    );
    assert_eq!(
        texts(&d),
        vec![(Some("The publication"), "the aircraft overran the runway")]
    );
    // An object, no clause: nothing.
    let d = tagged(
        "The minister announced the plan at the briefing.",
        &[
            ("minister", "NN"),
            ("announced", "VBD"),
            ("the", "DT"),
            ("plan", "NN"),
        ],
    );
    assert!(d.quotes.is_empty(), "{:#?}", d.quotes);
}
