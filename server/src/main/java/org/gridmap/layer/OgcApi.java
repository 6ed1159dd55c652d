package org.gridmap.layer;

/** The words of OGC API – Features Part 1 (17-069r4) in one place: conformance classes, link relations, media types. */
final class OgcApi {
    static final String CONF_CORE = "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core";
    static final String CONF_OAS30 = "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30";
    static final String CONF_HTML = "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/html";
    static final String CONF_GEOJSON = "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson";
    static final String CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84";

    static final String JSON = "application/json";
    static final String GEOJSON = "application/geo+json";
    static final String HTML = "text/html";
    static final String OPENAPI = "application/vnd.oai.openapi+json;version=3.0";
    static final String OPENAPI_BASE = "application/vnd.oai.openapi+json";

    static final String REL_SELF = "self";
    static final String REL_ALTERNATE = "alternate";
    static final String REL_SERVICE_DESC = "service-desc";
    static final String REL_SERVICE_DOC = "service-doc";
    static final String REL_CONFORMANCE = "conformance";
    static final String REL_DATA = "data";
    static final String REL_ITEMS = "items";
    static final String REL_NEXT = "next";
    static final String REL_PREV = "prev";
    static final String REL_COLLECTION = "collection";

    static final int DEFAULT_LIMIT = 10;
    static final int MAX_LIMIT = 1000;

    private OgcApi() {}
}
