//! The group-commit writer through the real app (issue #22): responses posted at the same moment
//! to two app instances on one database are written in batches, and every person still gets
//! their own receipt — a double click the same one — with nothing lost or counted twice.

use super::{EVERY_KIND, Form, location, post, setup};
use crate::helpers::spawn_app;
use chrono::Duration;
use inspraak_store::consultation::responses;
use std::collections::BTreeSet;

#[tokio::test]
async fn simultaneous_responses_on_two_instances_each_get_their_own_receipt() {
    let app = spawn_app().await;
    let other = app.sibling(&[]).await;
    let s = setup(&app, &EVERY_KIND).await;
    let with_email = s.full_answers();
    let without: Vec<(String, String)> = with_email
        .iter()
        .filter(|(name, _)| !name.starts_with(&s.field(8)))
        .cloned()
        .collect();
    // Nine forms per instance (eighteen: under the address's limit of twenty); every form is
    // sent twice at once (a double click), every third with an e-mail address.
    let mut forms: Vec<(bool, Form, bool)> = Vec::new();
    for n in 0..18 {
        let on_other = n % 2 == 1;
        let form = s.open_form(if on_other { &other } else { &app }).await;
        forms.push((on_other, form, n % 3 == 0));
    }
    app.clock.advance(Duration::seconds(10));
    let mut tasks = Vec::new();
    for (n, (on_other, form, email)) in forms.iter().enumerate() {
        for _ in 0..2 {
            let target = if *on_other {
                other.clone()
            } else {
                app.clone()
            };
            let answers = if *email { &with_email } else { &without }.clone();
            let form = Form {
                csrf: form.csrf.clone(),
                key: form.key.clone(),
                started: form.started.clone(),
                action: form.action.clone(),
            };
            tasks.push(tokio::spawn(async move {
                let response = post(&target, &form, &answers, &[]).await;
                (n, response.status().as_u16(), location(&response))
            }));
        }
    }
    let mut receipts = vec![BTreeSet::new(); forms.len()];
    for task in futures_util::future::join_all(tasks).await {
        let (n, status, receipt) = task.unwrap();
        assert_eq!(status, 303, "form {n}");
        receipts[n].insert(receipt);
    }
    // Both posts of a form lead to one receipt; every form has its own.
    assert!(receipts.iter().all(|r| r.len() == 1), "{receipts:?}");
    let distinct: BTreeSet<_> = receipts.iter().flatten().collect();
    assert_eq!(distinct.len(), forms.len());
    for receipt in &distinct {
        let page = app.get(receipt).await;
        assert_eq!(page.status().as_u16(), 200, "{receipt}");
    }
    // Stored once each, counted once each, and the running counts agree.
    assert_eq!(s.counts(&app).await, (18, 0));
    let page = responses::list(app.db.read(), s.consultation, 1, 100)
        .await
        .unwrap();
    assert_eq!(page.rows.len(), 18);
    let tallies = responses::tallies(app.db.read(), s.consultation)
        .await
        .unwrap();
    let said_yes = tallies
        .iter()
        .find(|t| t.question == s.questions[6] && t.key == "yes")
        .map(|t| t.responses);
    assert_eq!(said_yes, Some(18), "{tallies:?}");
    // One confirmation mail per form with an address (six), not per post.
    for _ in 0..50 {
        if app.mails.all().len() >= 6 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    let to_person = app
        .mails
        .all()
        .into_iter()
        .chain(other.mails.all())
        .filter(|m| m.to == "inwoner@example.nl")
        .count();
    assert_eq!(to_person, 6);
}
