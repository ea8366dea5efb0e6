#include "logging.h"

Q_LOGGING_CATEGORY(lcApp, "citybrain.app")
Q_LOGGING_CATEGORY(lcBroker, "citybrain.broker")
Q_LOGGING_CATEGORY(lcMqtt, "citybrain.mqtt")
Q_LOGGING_CATEGORY(lcIngest, "citybrain.ingest")
Q_LOGGING_CATEGORY(lcStore, "citybrain.store")
Q_LOGGING_CATEGORY(lcGis, "citybrain.gis")
Q_LOGGING_CATEGORY(lcWall, "citybrain.wall")
Q_LOGGING_CATEGORY(lcSim, "citybrain.sim")
