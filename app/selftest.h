#pragma once

class QQmlEngine;

namespace citybrain {

class CityState;

// Loads and instantiates every QML file compiled into the program, with a small sample of city
// data so delegates are created too. Returns the number of QML warnings and errors (0 = pass).
int runQmlSelfTest(QQmlEngine& engine, CityState& state);

} // namespace citybrain
