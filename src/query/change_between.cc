#include "query/change_between.h"

#include <algorithm>
#include <set>
#include <tuple>
#include <utility>

namespace partnergraph {

const char* RelationChangeName(RelationChange change) {
  switch (change) {
    case RelationChange::kBegan:
      return "began";
    case RelationChange::kEnded:
      return "ended";
    case RelationChange::kBeganAndEnded:
      return "began and ended";
    case RelationChange::kFirstReported:
      return "first reported";
    case RelationChange::kUnchanged:
      return "unchanged";
    case RelationChange::kOutside:
      return "outside";
  }
  return "unchanged";
}

Status CheckDateWindow(const DateWindow& window) {
  if (window.from.empty() || window.to.empty()) {
    return Status::InvalidArgument("give two dates, A and B");
  }
  const std::string from = window.from.ToString();
  const std::string to = window.to.ToString();
  if (window.from.FirstDay() > window.to.LastDay()) {
    return Status::InvalidArgument(from + " is after " + to + ": give the earlier date first");
  }
  if (window.from.FirstDay() > window.to.FirstDay() ||
      window.from.LastDay() > window.to.LastDay()) {
    return Status::InvalidArgument(
        from + " starts or ends after " + to +
        ": give A no later than B (neither 2019-06 2019 nor 2019 2019-06)");
  }
  return Status::Ok();
}

namespace {

// since within (from, to]: it starts after `from` is over and by the end of `to`.
bool StartsWithin(const PartialDate& start, const DateWindow& window) {
  return !start.empty() && start.FirstDay() > window.from.LastDay() &&
         start.FirstDay() <= window.to.LastDay();
}

// until within [from, to): it ends once `from` has begun and before `to` begins.
bool EndsWithin(const PartialDate& end, const DateWindow& window) {
  return !end.empty() && end.LastDay() >= window.from.FirstDay() &&
         end.LastDay() < window.to.FirstDay();
}

}  // namespace

RelationChange ClassifyChange(const Relation& relation, const DateWindow& window,
                              const PartialDate& reported_since) {
  const bool undated = relation.since.empty() && relation.until.empty();
  if (undated) {
    if (StartsWithin(reported_since, window)) return RelationChange::kFirstReported;
    // Known from the start of its source's period on (always, when the
    // source states none): unchanged if known by the end of `from`.
    if (reported_since.empty() || reported_since.FirstDay() <= window.from.LastDay()) {
      return RelationChange::kUnchanged;
    }
    return RelationChange::kOutside;
  }
  const bool began = StartsWithin(relation.since, window);
  const bool ended = EndsWithin(relation.until, window);
  if (began && ended) return RelationChange::kBeganAndEnded;
  if (began) return RelationChange::kBegan;
  if (ended) return RelationChange::kEnded;
  const int32_t since = relation.since.FirstDay();
  const int32_t until = relation.until.LastDay();
  if (InForceAt(since, until, window.from) && InForceAt(since, until, window.to)) {
    return RelationChange::kUnchanged;
  }
  return RelationChange::kOutside;
}

bool BeganBetween(const Relation& relation, const DateWindow& window) {
  if (relation.since.empty()) return false;
  const int32_t since = relation.since.FirstDay();
  return since >= window.from.FirstDay() && since <= window.to.LastDay();
}

namespace query {
namespace {

// The period each cited document reports on, read once per document.
class SourcePeriods {
 public:
  explicit SourcePeriods(const Store& store) : store_(store) {}

  // Since when `relation`'s source reports it: the start of the period the
  // document reports on, else its publication date; empty without a source,
  // or when the document is not described or states neither.
  Result<PartialDate> StartOf(const Relation& relation) {
    if (!relation.source) return PartialDate();
    const SourceDocument* source = nullptr;
    Status s = Find(relation.source->doc, source);
    if (!s.ok()) return s;
    if (source == nullptr) return PartialDate();
    // The start of the period it reports on; a document that states no
    // period is known from its publication (as ReportedFirstDay says).
    if (!source->period_since.empty()) return source->period_since;
    if (source->period_until.empty()) return source->published;
    return PartialDate();
  }

  // The document `doc`, or nullptr when the store does not describe it.
  Status Find(const std::string& doc, const SourceDocument*& found) {
    auto it = sources_.find(doc);
    if (it == sources_.end()) {
      Result<SourceDocument> source = store_.GetSource(doc);
      std::optional<SourceDocument> value;
      if (source) {
        value = std::move(*source);
      } else if (source.error().code() != StatusCode::kNotFound) {
        return source.error();
      }
      it = sources_.emplace(doc, std::move(value)).first;
    }
    found = it->second ? &*it->second : nullptr;
    return Status::Ok();
  }

 private:
  const Store& store_;
  std::map<std::string, std::optional<SourceDocument>> sources_;
};

struct Classified {
  GraphView view;
  std::vector<RelationChange> changes;  // parallel to view.relations
  std::vector<PartialDate> reported;    // the source's period start, parallel too
};

Result<Classified> ClassifyView(const Store& store, const Graph& graph, const ViewRequest& view,
                                const DateWindow& window, SourcePeriods& periods) {
  if (Status s = CheckDateWindow(window); !s.ok()) return s;
  if (!view.as_of.empty()) {
    return Status::InvalidArgument(
        "a change between two dates takes no as-of date: the two dates say when");
  }
  Result<GraphView> selected = SelectView(store, graph, view);
  if (!selected) return selected.error();
  Classified classified;
  classified.view = std::move(*selected);
  for (const Relation& relation : classified.view.relations) {
    Result<PartialDate> reported = periods.StartOf(relation);
    if (!reported) return reported.error();
    classified.changes.push_back(ClassifyChange(relation, window, *reported));
    classified.reported.push_back(*reported);
  }
  return classified;
}

// The dated fact a change rests on, as text.
std::string DateOf(const Relation& relation, RelationChange change, const PartialDate& reported,
                   const SourceDocument* source) {
  switch (change) {
    case RelationChange::kBegan:
      return relation.since.ToString();
    case RelationChange::kEnded:
      return relation.until.ToString();
    case RelationChange::kBeganAndEnded:
      if (relation.since == relation.until) return relation.since.ToString();
      return relation.since.ToString() + "–" + relation.until.ToString();
    case RelationChange::kFirstReported: {
      std::string text = reported.ToString();
      if (source != nullptr && !source->period_until.empty() &&
          source->period_until != source->period_since) {
        text += "–" + source->period_until.ToString();
      }
      return text;
    }
    case RelationChange::kUnchanged:
    case RelationChange::kOutside:
      break;
  }
  return "";
}

// The order changes are listed in within a type.
int ChangeRank(RelationChange change) {
  switch (change) {
    case RelationChange::kBegan:
      return 0;
    case RelationChange::kBeganAndEnded:
      return 1;
    case RelationChange::kEnded:
      return 2;
    case RelationChange::kFirstReported:
      return 3;
    case RelationChange::kUnchanged:
      return 4;
    case RelationChange::kOutside:
      return 5;
  }
  return 5;
}

bool IsChange(RelationChange change) {
  return change != RelationChange::kUnchanged && change != RelationChange::kOutside;
}

ViewRequest ViewOf(const DiffRequest& request) {
  ViewRequest view;
  if (!request.around.empty()) {
    view.kind = ViewKind::kAround;
    view.focus = request.around;
    view.depth = request.depth;
  }
  view.types = request.types;
  view.kinds = request.kinds;
  view.title = " ";  // no title needed: saves describing the view
  return view;
}

std::string Describe(const DateWindow& window) {
  return window.from.ToString() + " \xE2\x86\x92 " + window.to.ToString();  // " → "
}

}  // namespace

Result<DiffResult> Diff(const Store& store, const Graph& graph, const DiffRequest& request) {
  if (request.depth < 0) return Status::InvalidArgument("the depth must be 0 or more");
  SourcePeriods periods(store);
  Result<Classified> classified =
      ClassifyView(store, graph, ViewOf(request), request.window, periods);
  if (!classified) return classified.error();
  DiffResult result;
  result.window = request.window;
  result.depth = request.around.empty() ? 0 : request.depth;
  if (!request.around.empty()) result.around_id = classified->view.center;
  for (RelationChange change :
       {RelationChange::kBegan, RelationChange::kBeganAndEnded, RelationChange::kEnded,
        RelationChange::kFirstReported, RelationChange::kUnchanged, RelationChange::kOutside}) {
    result.totals[change] = 0;
  }
  std::map<std::string, const Entity*> entities;
  for (const Entity& entity : classified->view.entities) entities.emplace(entity.id, &entity);
  std::map<std::string, DiffGroup> groups;
  const std::vector<Relation>& relations = classified->view.relations;
  for (size_t i = 0; i < relations.size(); ++i) {
    const RelationChange change = classified->changes[i];
    ++result.totals[change];
    if (!IsChange(change)) continue;
    const Relation& relation = relations[i];
    const SourceDocument* source = nullptr;
    if (relation.source) {
      Status s = periods.Find(relation.source->doc, source);
      if (!s.ok()) return s;
      if (source != nullptr) result.sources.emplace(source->doc, *source);
    }
    DiffGroup& group = groups[relation.type];
    group.type = relation.type;
    ++group.counts[change];
    group.relations.push_back(
        {relation, change, DateOf(relation, change, classified->reported[i], source)});
    for (const std::string* end : {&relation.from, &relation.to}) {
      auto it = entities.find(*end);
      if (it != entities.end()) result.entities.emplace(*end, *it->second);
    }
  }
  for (auto& [type, group] : groups) {
    std::sort(group.relations.begin(), group.relations.end(),
              [](const ChangedRelation& a, const ChangedRelation& b) {
                return std::make_tuple(ChangeRank(a.change), std::cref(a.date),
                                       std::cref(a.relation.from), std::cref(a.relation.to),
                                       std::cref(a.relation.id)) <
                       std::make_tuple(ChangeRank(b.change), std::cref(b.date),
                                       std::cref(b.relation.from), std::cref(b.relation.to),
                                       std::cref(b.relation.id));
              });
    result.groups.push_back(std::move(group));
  }
  return result;
}

Result<GraphView> DiffOverlay(const Store& store, const Graph& graph, const ViewRequest& view,
                              const DateWindow& window) {
  SourcePeriods periods(store);
  Result<Classified> classified = ClassifyView(store, graph, view, window, periods);
  if (!classified) return classified.error();
  GraphView& overlay = classified->view;
  std::vector<Relation> kept;
  std::set<std::string> linked;
  for (size_t i = 0; i < overlay.relations.size(); ++i) {
    const RelationChange change = classified->changes[i];
    if (change == RelationChange::kOutside) continue;
    Relation& relation = overlay.relations[i];
    overlay.changes.emplace(relation.id, RelationChangeName(change));
    linked.insert(relation.from);
    linked.insert(relation.to);
    kept.push_back(std::move(relation));
  }
  overlay.relations = std::move(kept);
  // An entity whose every relation lies outside the window has nothing to
  // show; the centre of the view, and a path's ends, stay.
  std::erase_if(overlay.entities, [&](const Entity& entity) {
    return linked.count(entity.id) == 0 && entity.id != overlay.center &&
           overlay.highlighted.count(entity.id) == 0;
  });
  overlay.changes_legend = Describe(window);
  overlay.title += " · change " + Describe(window);
  return std::move(overlay);
}

}  // namespace query
}  // namespace partnergraph
