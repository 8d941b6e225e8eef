//! The demo's 2020 outcome.

use super::*;

#[tokio::test]
async fn the_demo_2020_outcome_shows_48_responses_open_technologie_first_and_open_informatie_second()
 {
    let app = spawn_app().await;
    app.load_demo().await;
    let slug = "actieplan-open-overheid-2020-2022";
    let list = app.get_html(&format!("/processen/{slug}/uitkomsten")).await;
    let marker = format!("/processen/{slug}/uitkomsten/");
    let start = list.find(&marker).unwrap() + marker.len();
    let id: String = list[start..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    let page = app.get_html(&format!("{marker}{id}")).await;
    assert!(page.contains("<dd class=\"responses-count\">48</dd>"));
    let first = page
        .find("<th scope=\"row\">Open Technologie</th>")
        .unwrap();
    let second = page.find("<th scope=\"row\">Open Informatie</th>").unwrap();
    let third = page
        .find("<th scope=\"row\">Open Communicatie</th>")
        .unwrap();
    assert!(first < second && second < third, "seed order");
    assert!(page.contains("Open Wetsontwerp"), "other topics listed");
    assert!(
        page.contains("Het netwerk maken we samen"),
        "recurring threads"
    );
}
