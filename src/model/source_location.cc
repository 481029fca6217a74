#include "partnergraph/dataset.h"

namespace partnergraph {

std::string SourceLocation::ToString() const {
  std::string text = file;
  if (line > 0) {
    // Appended piecewise: g++ 12 warns falsely (-Wrestrict) on ":" + to_string().
    text.push_back(':');
    text.append(std::to_string(line));
    if (column > 0) {
      text.push_back(':');
      text.append(std::to_string(column));
    }
  }
  return text;
}

}  // namespace partnergraph
