#pragma once

#include "citytypes.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include <optional>

// The one codec of a console action's payload (docs/topics.md, "Console action: xy/v1/incident/<id>/action"),
// used by the consoles that publish actions, by FeedDecoder for the ones received and by the ingest
// pipeline for the ones read back from the journal.
namespace citybrain {

enum class RejectReason; // feeddecoder.h

// Compact JSON with the contract's field names: ts (epoch ms), seq, action_id, actor, role, console, action,
// base_version, note, and the fields of its kind: unit_type + unit_id (dispatch; on_scene when a unit is
// named), priority (reprioritise), kind (classify), merge_into (merge), uri (attach). The incident id is
// not in it: it is the topic's.
[[nodiscard]] QByteArray incidentActionToJson(const IncidentAction& action);

// Reads and validates every field of an action on incident `incidentId` (the topic's id). On failure returns
// nothing, *error = "<field>: <why>" and *reason the contract's reject reason (both optional).
//
// Rules: ts (RFC 3339 with a zone, or integer epoch ms; no age window here: FeedDecoder applies the live
// feeds' window, journalled actions may be old), seq (integer >= 0); action_id, actor, console non-empty, at
// most 64 characters; role `dispatcher` or `leader`; action a known name; base_version an integer >= 0;
// note at most 2000 characters, required and non-empty for `note` and `reprioritise` (the reason).
// dispatch: unit_type (a known unit name) and unit_id (non-empty, at most 64) required; on_scene: both or
// neither. reprioritise: priority an integer 1..4. classify: kind a token [a-z_]{1,40}. merge: merge_into a
// valid incident id other than this one. attach: uri at most 2000 characters, an absolute http, https,
// ftp, rtsp (with a host) or file URL. Fields of other actions are ignored. An `incident` field, if
// present, must name `incidentId` (topic_mismatch).
//
// Whether the role may take the action (roleMay) is not checked here: FeedDecoder refuses that as
// `forbidden`.
[[nodiscard]] std::optional<IncidentAction> incidentActionFromJson(
    const QJsonObject& object, const QString& incidentId, QString* error, RejectReason* reason = nullptr);
// The same from JSON text (a journal payload); malformed JSON is malformed_json.
[[nodiscard]] std::optional<IncidentAction> incidentActionFromJson(
    const QByteArray& json, const QString& incidentId, QString* error, RejectReason* reason = nullptr);

} // namespace citybrain
