//! Typed ids: a `ProcessId` can never be passed where a `ThemeId` is meant.

/// Declares a `Copy` newtype over `i64` for the id of one kind of record.
macro_rules! typed_id {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub i64);

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }
    };
}

typed_id!(
    /// An action-plan trajectory (process).
    ProcessId
);
typed_id!(
    /// A dated phase of a process.
    PhaseId
);
typed_id!(
    /// A theme of a process.
    ThemeId
);
typed_id!(
    /// An account: organiser, forum member or action holder.
    UserId
);
typed_id!(
    /// A message waiting in, or sent from, the mail outbox.
    OutboxMessageId
);
typed_id!(
    /// An online consultation (a form with an open period) of a process.
    ConsultationId
);
typed_id!(
    /// A question of a consultation.
    QuestionId
);
typed_id!(
    /// One submitted response to a consultation.
    ResponseId
);
typed_id!(
    /// A think-along session (meedenksessie) or event of a process.
    SessionId
);
typed_id!(
    /// A sign-up for a session or event.
    RegistrationId
);
typed_id!(
    /// An idea submitted on a theme.
    IdeaId
);
typed_id!(
    /// A forum member's comment.
    CommentId
);
typed_id!(
    /// An action point of the plan.
    ActionPointId
);
typed_id!(
    /// A published document (file) of a process, session or report.
    DocumentId
);
typed_id!(
    /// A plan-level progress report (voortgangsrapportage) of a process.
    ProgressReportId
);
typed_id!(
    /// An e-mail subscription to a process's publications.
    SubscriptionId
);
typed_id!(
    /// A recurring thread (rode draad) of a consultation's outcome.
    ThreadId
);
typed_id!(
    /// One answer of a response; the organiser can pick a typed one as a quote.
    AnswerId
);
typed_id!(
    /// A traceability link from a contribution to a thread or action point.
    LinkId
);
typed_id!(
    /// A message sent with the contact form ("Laat het ons weten").
    ContactMessageId
);
typed_id!(
    /// An order for printed copies of a process's action plan.
    PrintOrderId
);
typed_id!(
    /// A dated progress update of an action point.
    ProgressUpdateId
);
