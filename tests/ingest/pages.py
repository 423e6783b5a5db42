"""Invented pages, feeds and texts used by the ingestion tests."""

from __future__ import annotations

COURIER_PAGE = """<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>Harbour tolls rise again | The Valdoria Courier</title>
<meta property="og:title" content="Harbour tolls rise again">
<meta property="og:site_name" content="The Valdoria Courier">
<meta property="og:url" content="https://courier.example.org/news/harbour-tolls">
<meta name="author" content="Mira Talvens">
<meta property="article:published_time" content="2024-03-05T09:30:00+01:00">
</head>
<body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article>
<h1>Harbour tolls rise again</h1>
<p>The port authority of Valdoria announced on Tuesday that tolls for cargo ships will rise by
twelve percent, the <a href="https://port.example.org/notice">third increase</a> in two years.
Shipping firms said the decision came without warning.</p>
<figure><img src="/img/harbour.jpg" alt="Cranes">
<figcaption>Cranes at the eastern quay of the harbour at dawn.</figcaption></figure>
<h2>Firms object</h2>
<p>“We were not consulted,” said Oren Delacq, who heads the shippers’ association. He called
the rise <a href="javascript:alert(1)">a tax by another name</a> and pointed to
<a href="/reports/2023">last year's report</a> on harbour finances.</p>
<ul><li>Cargo tolls: up twelve percent.</li><li>Passenger fees: unchanged for now.</li></ul>
<blockquote><p>The harbour must pay for itself, the authority said in its statement.</p>
</blockquote>
<p>Write to the desk at <a href="mailto:desk@courier.example.org">our newsroom</a> with tips
about the harbour.</p>
</article>
<footer>© The Valdoria Courier</footer>
</body></html>
"""

SHORT_PAGE = """<html><head><title>Quay notes</title></head><body>
<h1>Ferry runs late</h1>
<p>The morning ferry to Ostrel left forty minutes late on Monday.</p>
<p>Nobody was hurt, said <a href="/people/tamsin-oriel">Tamsin Oriel</a> of the ferry office.</p>
</body></html>
"""

NO_TEXT_PAGE = """<!doctype html><html><head><title>Loading</title>
<script>window.location = "/app";</script></head><body><div id="app"></div>
<script src="/bundle.js"></script></body></html>
"""

RSS_FEED = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
<title>The Valdoria Courier</title>
<link>https://courier.example.org/</link>
<language>en-gb</language>
<item>
<title>Harbour tolls rise again</title>
<link>https://courier.example.org/news/harbour-tolls</link>
<dc:creator>Mira Talvens</dc:creator>
<pubDate>Tue, 05 Mar 2024 09:30:00 +0100</pubDate>
<description>Short teaser.</description>
<content:encoded><![CDATA[<p>Tolls for cargo ships will rise by
twelve percent, the <a href="/notice">third increase</a>.</p><h2>Firms object</h2>
<p>Shipping firms said they were not consulted.</p>]]></content:encoded>
</item>
<item>
<title></title>
<link>https://courier.example.org/news/empty</link>
</item>
<item>
<title>Ferry runs late</title>
<link>https://courier.example.org/news/ferry</link>
<description>&lt;p&gt;The morning ferry left forty minutes late.&lt;/p&gt;</description>
</item>
</channel>
</rss>
"""

ATOM_FEED = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
<title>Ostrel Evening Post</title>
<entry>
<title>Bridge closed for repairs</title>
<link href="https://post.example.net/bridge"/>
<author><name>Halvard Renn</name></author>
<published>2024-06-01T18:00:00Z</published>
<content type="html">&lt;p&gt;The old bridge will close for two weeks.&lt;/p&gt;</content>
</entry>
</feed>
"""

RDF_FEED = """<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
<channel rdf:about="https://digest.example.com/"><title>Marsh Digest</title>
<link>https://digest.example.com/</link><description>d</description></channel>
<item rdf:about="https://digest.example.com/1"><title>Reed harvest starts</title>
<link>https://digest.example.com/1</link>
<description>Cutters began the reed harvest on the northern marsh.</description></item>
</rdf:RDF>
"""

EMPTY_FEED = """<?xml version="1.0"?><rss version="2.0"><channel><title>Quiet</title>
<link>https://quiet.example.org/</link></channel></rss>"""

BROKEN_FEED = """<?xml version="1.0"?><rss version="2.0"><channel><title>Cut off</ti"""

RUSSIAN = (
    "Городской совет Вальдории в среду утвердил новый бюджет порта. Депутаты спорили почти "
    "шесть часов, прежде чем проголосовать.\nЖители жалуются на рост цен на билеты."
)
FRENCH = (
    "Le conseil municipal a approuvé mercredi le nouveau budget du port. Les députés ont "
    "débattu près de six heures avant de voter; « c’est une décision sévère », a déclaré "
    "Élodie Marchetti."
)
