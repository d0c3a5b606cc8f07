"""Generate the demo lead inbox ``sample_data/leads.json`` (used by ``leadtui --demo``).

The output is deterministic: every random choice comes from one
``random.Random(20260316)`` and all times are absolute UTC relative to the fixed
``DEMO_NOW`` (2026-03-16T10:00:00Z), so running this script again rewrites the
same JSON byte for byte. Standard library only.

About 60% of the leads are Spanish (names, companies, notes in Spanish) and 40%
English (UK and US). A handful of deliberately awkward leads (accents, a very
long name, brackets, an apostrophe, CJK, an emoji, an almost empty lead) are
mixed in to exercise the UI.

Usage::

    python sample_data/make_sample.py          # rewrites sample_data/leads.json
    python sample_data/make_sample.py --check  # exit 1 if the file is stale
"""

from __future__ import annotations

import json
import math
import random
import sys
import unicodedata
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, Final, Literal

SEED: Final = 20260316
DEMO_NOW: Final = datetime(2026, 3, 16, 10, 0, 0, tzinfo=UTC)
OUT_PATH: Final = Path(__file__).with_name("leads.json")

Lang = Literal["es", "en"]
JSONDict = dict[str, Any]

FUNNEL: Final = ("new", "contacted", "qualified", "proposal", "won")
OPEN_STAGES: Final = ("new", "contacted", "qualified", "proposal")
FORM_SOURCES: Final = ("landing_page", "content_download", "newsletter", "event")

# Exact stage counts (230 leads): new 30%, contacted 22%, qualified 15%,
# proposal 10%, won 12%, lost 11%.
STAGE_COUNTS: Final = {
    "new": 69,
    "contacted": 51,
    "qualified": 34,
    "proposal": 23,
    "won": 28,
    "lost": 25,
}

SOURCE_WEIGHTS: Final = {
    "landing_page": 22,
    "content_download": 12,
    "newsletter": 8,
    "event": 8,
    "ads": 14,
    "social": 10,
    "referral": 11,
    "import": 7,
    "manual": 6,
    "other": 3,
}

LOST_REASONS: Final = (
    "Price too high",
    "Went with a competitor",
    "No budget",
    "No response",
    "Not a fit",
    "Timing",
)
FREE_LOST_REASONS: Final[dict[Lang, tuple[str, ...]]] = {
    "es": (
        "Lo va a hacer un sobrino que sabe de ordenadores",
        "Esperan a la próxima convocatoria del Kit Digital",
        "Cierran el local en verano",
    ),
    "en": (
        "Company is being acquired, all spend frozen",
        "Decided to build it in-house",
    ),
}
LOST_REASON_TEXT: Final[dict[Lang, dict[str, str]]] = {
    "es": {
        "Price too high": "le parece caro",
        "Went with a competitor": "se van con otra agencia",
        "No budget": "no tienen presupuesto este año",
        "No response": "no responde tras varios intentos",
        "Not a fit": "no encaja con lo que ofrecemos",
        "Timing": "no es el momento, quizá después del verano",
    },
    "en": {
        "Price too high": "too expensive for them",
        "Went with a competitor": "they went with another agency",
        "No budget": "no budget this year",
        "No response": "no reply after several attempts",
        "Not a fit": "not a fit for what we offer",
        "Timing": "bad timing, maybe after the summer",
    },
}

# --------------------------------------------------------------------------- people

# fmt: off
ES_FIRST: Final[tuple[tuple[str, str], ...]] = (
    ("María José", "f"), ("Lucía", "f"), ("Carmen", "f"), ("Ana Belén", "f"),
    ("Laura", "f"), ("Marta", "f"), ("Elena", "f"), ("Paula", "f"), ("Cristina", "f"),
    ("Rocío", "f"), ("Pilar", "f"), ("Nuria", "f"), ("Begoña", "f"), ("Ainhoa", "f"),
    ("Leire", "f"), ("Montserrat", "f"), ("Inmaculada", "f"), ("Beatriz", "f"),
    ("Sofía", "f"), ("Alba", "f"), ("Irene", "f"), ("Raquel", "f"), ("Noelia", "f"),
    ("Mercedes", "f"), ("Yolanda", "f"), ("Maite", "f"), ("Nerea", "f"), ("Lidia", "f"),
    ("Íñigo", "m"), ("José Luis", "m"), ("Javier", "m"), ("Antonio", "m"), ("Manuel", "m"),
    ("Francisco", "m"), ("Carlos", "m"), ("Álvaro", "m"), ("Sergio", "m"), ("Pablo", "m"),
    ("Jorge", "m"), ("Alejandro", "m"), ("Rubén", "m"), ("Óscar", "m"), ("Jesús", "m"),
    ("Ángel", "m"), ("Andrés", "m"), ("Raúl", "m"), ("Joan", "m"), ("Jordi", "m"),
    ("Xavier", "m"), ("Mikel", "m"), ("Gonzalo", "m"), ("Iván", "m"), ("Adrián", "m"),
    ("Tomás", "m"), ("Juan Carlos", "m"), ("Miguel Ángel", "m"), ("Borja", "m"),
)
ES_LAST: Final = (
    "García", "Fernández", "González", "Rodríguez", "López", "Martínez", "Sánchez",
    "Pérez", "Gómez", "Martín", "Jiménez", "Ruiz", "Hernández", "Díaz", "Moreno", "Muñoz",
    "Álvarez", "Romero", "Alonso", "Gutiérrez", "Navarro", "Torres", "Domínguez",
    "Vázquez", "Ramos", "Gil", "Ramírez", "Serrano", "Blanco", "Molina", "Castro",
    "Ortega", "Rubio", "Marín", "Sanz", "Iglesias", "Núñez", "Medina", "Garrido",
    "Santos", "Castillo", "Cortés", "Lozano", "Guerrero", "Cano", "Prieto", "Méndez",
    "Calvo", "Cruz", "Gallego", "Vidal", "León", "Herrera", "Peña", "Flores", "Cabrera",
    "Campos", "Vega", "Fuentes", "Carrasco", "Díez", "Reyes", "Caballero", "Nieto",
    "Aguilar", "Pascual", "Montero", "Lorenzo", "Hidalgo", "Ibáñez", "Ferrer",
    "Etxeberria", "Puig", "Soler", "Castaño", "Zubizarreta",
)
EN_FIRST: Final = (
    "Emma", "Oliver", "Charlotte", "James", "Amelia", "Harry", "Sophie", "Jack", "Grace",
    "George", "Olivia", "William", "Emily", "Thomas", "Chloe", "Daniel", "Hannah",
    "Samuel", "Lucy", "Benjamin", "Megan", "Ryan", "Jessica", "Michael", "Sarah", "David",
    "Rachel", "Chris", "Ashley", "Tyler", "Madison", "Ethan", "Abigail", "Noah", "Priya",
    "Aisha", "Ravi", "Mohammed", "Fatima", "Liam", "Niamh", "Callum", "Isla", "Hamish",
    "Kate", "Tom", "Jenny", "Mark", "Helen", "Pete",
)
EN_LAST: Final = (
    "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies",
    "Robinson", "Wright", "Thompson", "Evans", "Walker", "White", "Roberts", "Green",
    "Hall", "Wood", "Jackson", "Clarke", "Patel", "Khan", "Lewis", "Harris", "Martin",
    "Cooper", "King", "Baker", "Hughes", "Edwards", "Turner", "Hill", "Moore", "Campbell",
    "Murphy", "Kelly", "Anderson", "Miller", "Davis", "Nguyen", "Fraser", "MacDonald",
    "Shah", "Okafor", "Bennett", "Fletcher",
)

ES_TITLES: Final[tuple[tuple[str, str], ...]] = (
    ("Gerente", "Gerente"),
    ("Director de Marketing", "Directora de Marketing"),
    ("Responsable de Compras", "Responsable de Compras"),
    ("CEO", "CEO"),
    ("Fundador", "Fundadora"),
    ("Socio", "Socia"),
    ("Administrativo", "Administrativa"),
    ("Jefe de Ventas", "Jefa de Ventas"),
    ("Responsable de Comunicación", "Responsable de Comunicación"),
    ("Community Manager", "Community Manager"),
    ("Propietario", "Propietaria"),
    ("Director General", "Directora General"),
    ("Coordinador de RRHH", "Coordinadora de RRHH"),
    ("Técnico de Marketing Digital", "Técnica de Marketing Digital"),
    ("Dueño", "Dueña"),
    ("Director Comercial", "Directora Comercial"),
)
EN_TITLES: Final = (
    "Marketing Manager", "Founder", "Owner", "Head of Growth", "Operations Director",
    "Office Manager", "CEO", "Managing Director", "Practice Manager", "Sales Director",
    "Digital Marketing Lead", "Co-founder", "Procurement Officer", "Head of Marketing",
    "General Manager", "Partner",
)
# fmt: on

# --------------------------------------------------------------------------- companies


@dataclass(frozen=True)
class Company:
    """A company a lead works for (empty name for freelancers)."""

    name: str
    domain: str
    country: str


ES_COMPANIES: Final[tuple[tuple[str, str], ...]] = (
    ("Panadería Hermanos Gómez S.L.", "panaderiagomez.es"),
    ("Clínica Dental Sonrisa", "clinicasonrisa.es"),
    ("Asesoría Fiscal Martín y Asociados", "asesoriamartin.es"),
    ("Inmobiliaria Costa Azul", "inmocostaazul.com"),
    ("Bodegas Viña Alta S.L.", "vinaalta.es"),
    ("Reformas Integrales Navarro", "reformasnavarro.es"),
    ("Academia de Idiomas Babel", "academiababel.es"),
    ("Fisioterapia Vital", "fisiovital.es"),
    ("Hotel Rural El Olivar", "hotelelolivar.com"),
    ("Floristería Las Camelias", "lascamelias.es"),
    ("Ferretería El Martillo", "ferreteriaelmartillo.es"),
    ("Óptica Visión Clara", "opticavisionclara.es"),
    ("Restaurante Casa Pepe", "casapepe.es"),
    ("Peluquería Estilo Urbano", "estilourbano.es"),
    ("Construcciones Hermanos Díaz S.L.", "construccionesdiaz.es"),
    ("Distribuciones Levante S.A.", "distlevante.com"),
    ("Transportes Rápidos del Norte S.L.", "transnorte.es"),
    ("Abogados Iglesias & Peña", "iglesiaspena.es"),
    ("Centro Veterinario San Antón", "vetsananton.es"),
    ("Escuela Infantil Los Peques", "lospeques.es"),
    ("Farmacia Prieto", "farmaciaprieto.es"),
    ("Viajes Mundo Sol", "viajesmundosol.com"),
    ("Gimnasio Fuerza Zen", "fuerzazen.es"),
    ("Cafetería La Esquina", "cafelaesquina.es"),
    ("Librería El Quijote", "libreriaelquijote.es"),
    ("Carpintería Artesanal Vega", "carpinteriavega.es"),
    ("Estudio de Arquitectura Blanco Ortega", "blancoortega.es"),
    ("Consultora Nexo Digital S.L.", "nexodigital.es"),
    ("Tecnologías Ibéricas S.L.", "tecibericas.com"),
    ("Autoescuela Vía Libre", "autoescuelavialibre.es"),
    ("Clínica Estética Bella Piel", "bellapiel.es"),
    ("Centro de Yoga Shanti", "yogashanti.es"),
    ("Cervecería La Espiga", "laespiga.es"),
    ("Pastelería Dulce Hogar", "dulcehogar.es"),
    ("Joyería Alonso", "joyeriaalonso.es"),
    ("Talleres Mecánicos Ruiz S.L.", "talleresruiz.es"),
    ("Granja Escuela El Roble", "granjaelroble.es"),
    ("Eventos Alborada", "eventosalborada.com"),
    ("Quesería Artesana La Mancha", "queserialamancha.es"),
    ("Aceites Sierra Mágina S.C.A.", "aceitessierramagina.es"),
    ("Cooperativa Agrícola San Isidro", "coopsanisidro.es"),
    ("Mudanzas Express Zaragoza", "mudanzasexpress.es"),
    ("Gráficas Sol Imprenta", "graficassol.es"),
    ("Correduría de Seguros Ortega", "segurosortega.es"),
    ("Psicología Mente Clara", "menteclara.es"),
    ("Podología Paso Firme", "pasofirme.es"),
    ("Bicicletas Pedalea", "pedalea.es"),
    ("Vinos y Licores Serrano", "vinosserrano.es"),
    ("Marisquería O Porto", "marisqueriaoporto.es"),
    ("Electricidad Cano e Hijos", "electricidadcano.es"),
    ("Fontanería Hermanos Gil", "fontaneriagil.es"),
    ("Lavandería Burbujas", "lavanderiaburbujas.es"),
    ("Coworking La Colmena", "lacolmena.work"),
    ("Centro Médico Santa Lucía", "cmsantalucia.es"),
    ("Residencia Los Almendros", "residencialosalmendros.es"),
    ("Habitat Sur Inmobiliaria", "habitatsur.es"),
    ("Estudio de Fotografía Luz de Mar", "luzdemar.es"),
    ("Catering El Buen Comer", "elbuencomer.es"),
    ("Tinta Negra Tattoo Studio", "tintanegra.es"),
    ("Logística Mediterránea S.L.", "logisticamed.com"),
)
# fmt: off
ES_TRADES: Final = (
    "Talleres", "Asesoría", "Reformas", "Clínica Dental", "Fisioterapia", "Carpintería",
    "Construcciones", "Transportes", "Gestoría", "Autoescuela", "Panadería", "Peluquería",
    "Inmobiliaria", "Pinturas", "Cerrajería",
)
# fmt: on
EN_COMPANIES: Final[tuple[tuple[str, str, str], ...]] = (
    ("Northwind Logistics Ltd", "northwindlogistics.co.uk", "GB"),
    ("Harbour Lane Dental", "harbourlanedental.co.uk", "GB"),
    ("Greenleaf Organics", "greenleaforganics.co.uk", "GB"),
    ("Brightside Accounting LLP", "brightsideaccounting.co.uk", "GB"),
    ("Copper Kettle Bakery", "copperkettlebakery.co.uk", "GB"),
    ("Thames Valley Plumbing", "tvplumbing.co.uk", "GB"),
    ("Kingfisher Property Group", "kingfisherproperty.co.uk", "GB"),
    ("Oakridge Veterinary Clinic", "oakridgevets.co.uk", "GB"),
    ("Lighthouse Legal LLP", "lighthouselegal.co.uk", "GB"),
    ("Riverside Physio", "riversidephysio.co.uk", "GB"),
    ("Hopscotch Nursery", "hopscotchnursery.co.uk", "GB"),
    ("Maple & Oak Interiors", "mapleandoak.co.uk", "GB"),
    ("Silverline Travel", "silverlinetravel.com", "GB"),
    ("Bright Pixel Studio", "brightpixel.studio", "GB"),
    ("Evergreen Landscaping", "evergreenlandscaping.co.uk", "GB"),
    ("The Crown & Anchor", "crownandanchorpub.co.uk", "GB"),
    ("Highland Whisky Tours", "highlandwhiskytours.com", "GB"),
    ("Blue Harbor Analytics Inc.", "blueharboranalytics.com", "US"),
    ("Redwood Software LLC", "redwoodsoftware.io", "US"),
    ("Summit Peak Fitness", "summitpeakfitness.com", "US"),
    ("Pinecrest Realty", "pinecrestrealty.com", "US"),
    ("Atlas Freight Inc.", "atlasfreight.com", "US"),
    ("Nimbus Cloud Consulting", "nimbuscloud.io", "US"),
    ("Quantum Leap Tutoring", "quantumleaptutoring.com", "US"),
    ("Golden Crust Pizza Co.", "goldencrustpizza.com", "US"),
    ("Lone Star Roofing", "lonestarroofing.com", "US"),
    ("Sunset Boulevard Dental", "sunsetblvddental.com", "US"),
    ("Cascade Coffee Roasters", "cascadecoffee.com", "US"),
)
# fmt: off
EN_TRADES: Final[tuple[tuple[str, str], ...]] = (
    ("Plumbing", "plumbing"), ("Accountancy Ltd", "accountancy"), ("& Sons Builders", "builders"),
    ("Dental Care", "dental"), ("Physiotherapy", "physio"), ("Electrical Ltd", "electrical"),
    ("Estate Agents", "estates"), ("Solicitors", "law"), ("Garden Centre", "gardens"),
)
# fmt: on


# --------------------------------------------------------------------------- campaigns


@dataclass(frozen=True)
class Campaign:
    """A marketing campaign; ``window`` is (oldest, newest) age in days."""

    lang: Lang
    sources: tuple[str, ...]
    name: str
    utm_source: str
    utm_medium: str
    utm_campaign: str
    window: tuple[float, float]
    form: str
    tags: tuple[str, ...] = ()


# fmt: off
CAMPAIGNS: Final = (
    Campaign("es", ("content_download",), "Guía SEO 2026", "google", "organic",
             "guia_seo_2026", (67, 0), "Formulario: Descarga guía SEO 2026", ("seo",)),
    Campaign("es", ("content_download", "ads"), "Ebook Ecommerce Rentable", "facebook",
             "paid_social", "ebook_ecommerce_rentable", (150, 20),
             "Formulario: Descarga ebook «Ecommerce rentable en 30 días»", ("ecommerce",)),
    Campaign("es", ("event",), "Webinar Marketing Local", "linkedin", "social",
             "webinar_marketing_local_feb26", (34, 25),
             "Formulario: Inscripción webinar «Marketing local que funciona»", ("webinar",)),
    Campaign("es", ("event",), "Evento Marzo Madrid", "eventbrite", "referral",
             "evento_marzo_2026", (24, 12),
             "Formulario: Inscripción Evento Marzo Madrid (Espacio Rastro, 5 de marzo)",
             ("evento-marzo", "madrid")),
    Campaign("es", ("newsletter",), "Newsletter Marzo 2026", "newsletter", "email",
             "nl_2026_03", (14, 0), "Formulario: Alta en la newsletter (edición de marzo)",
             ("newsletter-2026",)),
    Campaign("es", ("newsletter",), "Newsletter Febrero 2026", "newsletter", "email",
             "nl_2026_02", (44, 14), "Formulario: Alta en la newsletter (edición de febrero)",
             ("newsletter-2026",)),
    Campaign("es", ("newsletter",), "Newsletter Otoño 2025", "newsletter", "email",
             "nl_2025_otono", (180, 44), "Formulario: Alta en la newsletter"),
    Campaign("es", ("landing_page", "ads"), "Diseño Web Pymes", "google", "cpc",
             "search_diseno_web_pymes", (180, 0),
             "Formulario: Solicitud de presupuesto (landing Diseño Web Pymes)"),
    Campaign("es", ("landing_page", "ads"), "Auditoría SEO Gratis", "google", "cpc",
             "auditoria_seo_gratis", (120, 0), "Formulario: Auditoría SEO gratuita",
             ("seo",)),
    Campaign("es", ("ads", "social", "landing_page"), "Black Friday 2025", "meta",
             "paid_social", "bf_2025", (116, 104),
             "Formulario: Oferta Black Friday -30% en tiendas online", ("ecommerce",)),
    Campaign("es", ("social",), "Instagram Orgánico", "instagram", "social",
             "ig_organico", (180, 0), "Formulario: Contacto desde el enlace de la bio"),
    Campaign("en", ("content_download",), "Local SEO Checklist", "google", "organic",
             "local_seo_checklist", (160, 0), "Form: Downloaded the Local SEO Checklist",
             ("seo",)),
    Campaign("en", ("event",), "Ecommerce Growth Webinar", "linkedin", "paid_social",
             "ecom_growth_webinar_jan26", (55, 46),
             "Form: Registered for the Ecommerce Growth Webinar", ("webinar", "ecommerce")),
    Campaign("en", ("event",), "Web Summit Follow-up", "event", "offline",
             "websummit_2025", (126, 112), "Form: Badge scan at Web Summit 2025 (stand B212)"),
    Campaign("en", ("newsletter",), "Monthly Newsletter", "newsletter", "email",
             "newsletter_2026", (74, 0), "Form: Newsletter signup", ("newsletter-2026",)),
    Campaign("en", ("landing_page", "ads"), "Free Website Audit", "google", "cpc",
             "free_site_audit", (180, 0), "Form: Free website audit request"),
    Campaign("en", ("ads", "social"), "Spring Promo 2026", "facebook", "paid_social",
             "spring_promo_2026", (20, 0), "Form: Spring promo, 20% off website packages"),
    Campaign("en", ("social",), "LinkedIn Thought Leadership", "linkedin", "social",
             "li_organic_q1", (75, 0), "Form: Contact request via LinkedIn post"),
)
# fmt: on

FORM_MESSAGES: Final[dict[Lang, tuple[str, ...]]] = {
    "es": (
        "Hola, quería información sobre diseño web para mi negocio.",
        "Necesito presupuesto para una tienda online, unos 150 productos.",
        "¿Hacéis mantenimiento de WordPress? La web actual se cae a menudo.",
        "Queremos aparecer en Google Maps cuando buscan en nuestra zona.",
        "Buenos días, me interesa el plan anual. ¿Me podéis llamar por la tarde?",
    ),
    "en": (
        "Hi, we'd like a quote for a new website.",
        "Looking for help with Google Ads, current spend is wasted.",
        "Can you migrate our shop from Wix to Shopify?",
        "Interested in a monthly SEO retainer. Please call after 2pm.",
    ),
}

FALLBACK_FORMS: Final[dict[Lang, dict[str, str]]] = {
    "es": {
        "landing_page": "Formulario de contacto",
        "content_download": "Formulario: Descarga checklist «Web que vende»",
        "newsletter": "Formulario: Alta en la newsletter",
        "event": "Formulario: Inscripción en evento",
    },
    "en": {
        "landing_page": "Contact form",
        "content_download": "Form: Downloaded the Website Launch Checklist",
        "newsletter": "Form: Newsletter signup",
        "event": "Form: Event registration",
    },
}

# --------------------------------------------------------------------------- activities

# Bodies by language, phase ("early" = new/contacted, "late" = qualified/proposal,
# "won", "lost") and kind.
BODIES: Final[dict[Lang, dict[str, dict[str, tuple[str, ...]]]]] = {
    "es": {
        "early": {
            "call": (
                "Llamada: no contesta, dejo mensaje en el buzón",
                "Llamada: {interested} en el plan anual, pide presupuesto",
                "Llamada de presentación. Tienen tienda física y quieren vender online",
                "Llamada: me pide que le llame la semana que viene, está de feria",
                "Llamada breve: ya tienen web pero no posiciona, quiere auditoría SEO",
                "Intento de llamada, comunica",
                "Llamada: {interested}, pero lo tiene que hablar con su socio",
            ),
            "email": (
                "Email de bienvenida enviado con enlace a casos de éxito",
                "Enviada la guía SEO y propuesta de llamada de 15 min",
                "Email de seguimiento: ¿pudiste revisar la información?",
                "Responde al email: prefiere hablar por WhatsApp",
                "Reenviado el dossier de servicios en PDF",
                "Email: pregunta precios de mantenimiento web",
            ),
            "note": (
                "Ha visitado la página de precios 3 veces esta semana",
                "Unas 15 personas en plantilla. Web en WordPress de hace años.",
                "Ojo: ya trabajó con otra agencia y salió escaldado,\n"
                "cuidado con los plazos que prometemos.",
                "Comprobar si puede optar al Kit Digital",
                "Busca sobre todo visibilidad local (Google Maps, reseñas).",
            ),
            "meeting": ("Videollamada de 20 min para conocernos",),
        },
        "late": {
            "call": (
                "Llamada: revisamos alcance, quiere incluir blog y newsletter",
                "Llamada: pregunta si se puede fraccionar el pago",
                "Llamada con la gerencia: lo deciden en el comité del jueves",
                "Llamada: necesitan estar en marcha antes de abril",
            ),
            "email": (
                "Enviado presupuesto detallado en PDF",
                "Email: piden referencias de clientes del sector",
                "Enviado caso de éxito de Clínica Dental Sonrisa",
                "Email: solicitan un pequeño descuento si firman este mes",
            ),
            "meeting": (
                "Reunión de descubrimiento:\n- Quieren tienda online con unos 200 productos\n"
                "- Integración con su ERP (A3)\n- Presupuesto orientativo: {value}\n"
                "- Deciden antes de fin de mes",
                "Demo de la plataforma. Les ha gustado el panel de informes.\n"
                "Siguiente paso: enviar propuesta con dos opciones.",
                "Reunión en sus oficinas. Muy buena sintonía con {first}.",
                "Reunión por Meet con Marketing y Dirección",
            ),
            "note": (
                "Competencia: también están hablando con una agencia de Valencia",
                "Decide {first}. La otra persona solo filtra.",
                "Pendiente: preparar mockup de la home antes de la próxima reunión",
            ),
        },
        "won": {
            "note": (
                "Kick-off hecho. Accesos a Google Analytics recibidos.",
                "Primera factura emitida",
                "Cliente contento con la entrega de la fase 1\n"
                "Próximo paso: campaña de Google Ads en abril",
            ),
            "email": (
                "Email de bienvenida como cliente + calendario del proyecto",
                "Enviados los textos de la home para que los revise",
                "Email: piden añadir una sección de ofertas, lo presupuestamos aparte",
            ),
            "call": (
                "Llamada de seguimiento posventa: todo bien",
                "Llamada: dudas con el acceso al panel, resuelto",
            ),
            "meeting": (
                "Reunión de arranque del proyecto",
                "Revisión mensual de resultados: +35% de visitas orgánicas",
            ),
        },
        "lost": {
            "note": ("Dice que quizá retome el tema después del verano",),
            "email": ("Email de despedida, dejamos la puerta abierta",),
            "call": ("Llamada de cortesía: de momento no",),
            "meeting": ("Reunión de cierre, sin interés",),
        },
    },
    "en": {
        "early": {
            "call": (
                "Call: no answer, left a voicemail",
                "Call: keen on the annual plan, wants a quote",
                "Intro call. They have a shop and want to start selling online",
                "Call: asked me to ring back next week, they're at a trade show",
                "Quick call: site exists but doesn't rank, wants an SEO audit",
                "Call: interested, needs to run it past her business partner",
            ),
            "email": (
                "Sent the case study PDF",
                "Welcome email with link to our portfolio",
                "Follow-up email: did you get a chance to look?",
                "Replied: prefers to talk on Friday mornings",
                "Email: asking about website maintenance pricing",
            ),
            "note": (
                "Visited the pricing page three times this week",
                "Around 20 staff. Squarespace site, built in-house.",
                "Careful: burnt by a previous agency,\nbe conservative on deadlines.",
                "Mostly after local visibility (Google Business Profile, reviews).",
            ),
            "meeting": ("20-min intro video call",),
        },
        "late": {
            "call": (
                "Call: reviewed scope, they want a blog and newsletter too",
                "Call: asked whether we can split the payment",
                "Call with the MD: decision at Thursday's board meeting",
                "Call: they need to be live before April",
            ),
            "email": (
                "Sent the detailed quote as PDF",
                "Email: asking for references in their sector",
                "Sent the Harbour Lane Dental case study",
                "Email: asking for a small discount if they sign this month",
            ),
            "meeting": (
                "Discovery meeting:\n- Shop with ~200 products\n- Needs Xero integration\n"
                "- Rough budget: {value}\n- Decision by end of month",
                "Platform demo. They loved the reporting dashboard.\n"
                "Next step: proposal with two options.",
                "On-site meeting at their office. Great rapport with {first}.",
                "Teams call with marketing and the directors",
            ),
            "note": (
                "Competition: also talking to an agency in Manchester",
                "{first} is the decision maker; the other contact just filters.",
                "To do: homepage mockup before the next meeting",
            ),
        },
        "won": {
            "note": (
                "Kick-off done. Got Google Analytics access.",
                "First invoice sent",
                "Client happy with phase 1 delivery\nNext: Google Ads campaign in April",
            ),
            "email": (
                "Welcome-aboard email with the project timeline",
                "Sent homepage copy for their review",
                "Email: they want an offers section, quoting it separately",
            ),
            "call": (
                "After-sales check-in call: all good",
                "Call: trouble logging into the dashboard, sorted",
            ),
            "meeting": (
                "Project kick-off meeting",
                "Monthly results review: organic traffic up 35%",
            ),
        },
        "lost": {
            "note": ("Says they might revisit after the summer",),
            "email": ("Goodbye email, left the door open",),
            "call": ("Courtesy call: not for now",),
            "meeting": ("Wrap-up meeting, no interest",),
        },
    },
}

STAGE_ACTIVITY: Final[dict[Lang, dict[str, tuple[str, tuple[str, ...]]]]] = {
    "es": {
        "contacted": (
            "call",
            (
                "Primera llamada: {interested}, quiere ver ejemplos de trabajos",
                "Primera llamada: le explico servicios y precios orientativos",
                "Primer contacto por teléfono, muy receptivo",
            ),
        ),
        "qualified": (
            "meeting",
            (
                "Reunión de cualificación: encaja bien, presupuesto aprox. {value}",
                "Videollamada: tienen presupuesto ({value}) y deciden en 2-3 semanas",
            ),
        ),
        "proposal": (
            "email",
            (
                "Propuesta enviada: {value} + IVA",
                "Enviada propuesta con dos opciones; la recomendada, {value} + IVA",
            ),
        ),
        "won": (
            "note",
            (
                "¡Firmado! {value}, arrancamos la semana que viene",
                "Contrato firmado ({value}). Inicio del proyecto el lunes.",
            ),
        ),
        "lost": ("note", ("Perdido: {reason}",)),
    },
    "en": {
        "contacted": (
            "call",
            (
                "First call: interested, wants to see examples of our work",
                "First call: walked through services and ballpark prices",
                "First phone contact, very receptive",
            ),
        ),
        "qualified": (
            "meeting",
            (
                "Qualification meeting: good fit, budget around {value}",
                "Video call: budget confirmed ({value}), decision in 2-3 weeks",
            ),
        ),
        "proposal": (
            "email",
            (
                "Proposal sent: {value} (excl. tax)",
                "Sent proposal with two options; recommended one is {value}",
            ),
        ),
        "won": (
            "note",
            (
                "Signed! {value}, kick-off next week",
                "Contract signed ({value}). Project starts Monday.",
            ),
        ),
        "lost": ("note", ("Lost: {reason}",)),
    },
}

# Youngest plausible age (days) of a lead in each stage, for campaign-dated leads.
MIN_AGE_DAYS: Final = {
    "new": 0.6,
    "contacted": 1.5,
    "qualified": 6.0,
    "proposal": 10.0,
    "won": 16.0,
    "lost": 4.0,
}

# How often leads arrive in each UTC hour of the day (forms are filled in mostly by day).
# fmt: off
HOUR_WEIGHTS: Final = (
    1, 1, 1, 1, 1, 2, 4, 8, 12, 12, 11, 10, 8, 9, 11, 11, 10, 8, 6, 5, 4, 3, 2, 1,
)
# fmt: on

GENERIC_TAGS: Final = ("seo", "ecommerce", "vip", "retainer", "b2b", "wordpress")
CITY_TAGS: Final = {"es": ("madrid", "barcelona", "valencia", "sevilla"), "en": ("london",)}


# --------------------------------------------------------------------------- helpers


def iso(value: datetime) -> str:
    """An aware datetime as ``YYYY-MM-DDTHH:MM:SSZ``."""
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def ascii_slug(text: str) -> str:
    """Lower-case ASCII letters and digits only (accents stripped, ñ becomes n)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed.lower() if c.isascii() and c.isalnum())


def floor_minute(value: datetime) -> datetime:
    """``value`` without seconds."""
    return value.replace(second=0, microsecond=0)


def money(cents: int, currency: str, lang: Lang) -> str:
    """Human money text in the lead's language, e.g. ``4.500 €`` or ``€4,500``."""
    units = cents // 100
    if lang == "es":
        return f"{units:,}".replace(",", ".") + (" €" if currency == "EUR" else " $")
    return ("€" if currency == "EUR" else "$") + f"{units:,}"


@dataclass
class Person:
    """Who the lead is."""

    first: str
    last: str
    gender: str
    lang: Lang
    country: str


@dataclass
class Spec:
    """Pre-decided facts for one lead (the awkward ones fix most of them)."""

    stage: str
    lang: Lang
    person: Person | None = None
    company: Company | None = None
    email: str | None = None
    no_email: bool = False
    phone: str | None = None
    source: str | None = None
    job_title: str | None = None
    created_today: bool = False
    minimal: bool = False
    extra_tags: list[str] = field(default_factory=list)


class Generator:
    """Builds the whole data set from one seeded RNG."""

    def __init__(self, seed: int = SEED) -> None:
        self.rng = random.Random(seed)
        self.emails: dict[str, str] = {}

    # ---------------------------------------------------------------- small parts

    def person(self, lang: Lang) -> Person:
        """A random person of ``lang``."""
        rng = self.rng
        if lang == "es":
            first, gender = rng.choice(ES_FIRST)
            last = rng.choice(ES_LAST)
            if rng.random() < 0.7:
                second = rng.choice(ES_LAST)
                while second == last:
                    second = rng.choice(ES_LAST)
                last = f"{last} {second}"
            return Person(first, last, gender, "es", "ES")
        country = "US" if rng.random() < 0.35 else "GB"
        return Person(rng.choice(EN_FIRST), rng.choice(EN_LAST), "x", "en", country)

    def company(self, person: Person) -> Company:
        """A company for ``person``: a known one, a generated one, or none."""
        rng = self.rng
        roll = rng.random()
        if roll < 0.04:
            return Company("", "", person.country)
        surname = person.last.split()[0]
        if person.lang == "es":
            if roll < 0.72:
                name, domain = rng.choice(ES_COMPANIES)
                return Company(name, domain, "ES")
            trade = rng.choice(ES_TRADES)
            suffix = rng.choice(("", "", " S.L.", " S.L.", " S.A.", " e Hijos"))
            domain = f"{ascii_slug(trade.split()[0])}{ascii_slug(surname)}.es"
            return Company(f"{trade} {surname}{suffix}", domain, "ES")
        if roll < 0.72:
            fixed = [c for c in EN_COMPANIES if c[2] == person.country]
            name, domain, country = rng.choice(fixed)
            return Company(name, domain, country)
        trade, slug = rng.choice(EN_TRADES)
        tld = "co.uk" if person.country == "GB" else "com"
        if person.country == "US":
            trade = trade.replace("Ltd", "LLC").replace("Estate Agents", "Realty")
        return Company(f"{surname} {trade}", f"{ascii_slug(surname)}{slug}.{tld}", person.country)

    def job_title(self, person: Person, company: Company) -> str:
        """A plausible job title (sometimes empty)."""
        rng = self.rng
        if rng.random() < 0.1:
            return ""
        if not company.name:
            if person.lang == "en":
                return "Freelancer"
            return "Autónoma" if person.gender == "f" else "Autónomo"
        if person.lang == "es":
            male, female = rng.choice(ES_TITLES)
            return female if person.gender == "f" else male
        return rng.choice(EN_TITLES)

    def unique_email(self, local: str, domain: str) -> str:
        """``local@domain``, numbered if that address (case-folded) is taken."""
        candidate = f"{local}@{domain}"
        n = 2
        while candidate.casefold() in self.emails:
            candidate = f"{local}{n}@{domain}"
            n += 1
        self.emails[candidate.casefold()] = candidate
        return candidate

    def email(self, person: Person, company: Company) -> str:
        """An address at the company domain or a free mail provider."""
        rng = self.rng
        first_words = [ascii_slug(w) for w in person.first.split()]
        first = "".join(first_words)
        last = ascii_slug(person.last.split()[0])
        if company.domain and rng.random() < 0.62:
            patterns = [f"{first}.{last}", first, f"{first[0]}{last}", f"{first}{last[0]}"]
            if person.lang == "es":
                patterns += ["info", "hola", "contacto"] if rng.random() < 0.15 else []
            local = rng.choice(patterns)
            domain = company.domain
            if local in ("info", "hola", "contacto") and f"{local}@{domain}" in self.emails:
                local = f"{first}.{last}"
        else:
            providers: tuple[str, ...]
            weights: tuple[int, ...]
            if person.lang == "es":
                providers = (
                    "gmail.com",
                    "hotmail.com",
                    "outlook.es",
                    "yahoo.es",
                    "icloud.com",
                    "telefonica.net",
                )
                weights = (55, 20, 12, 6, 4, 3)
            elif person.country == "GB":
                providers = (
                    "gmail.com",
                    "outlook.com",
                    "hotmail.co.uk",
                    "icloud.com",
                    "btinternet.com",
                )
                weights = (45, 20, 15, 10, 10)
            else:
                providers = ("gmail.com", "outlook.com", "yahoo.com", "icloud.com", "aol.com")
                weights = (50, 15, 15, 12, 8)
            domain = rng.choices(providers, weights)[0]
            year = rng.choice((rng.randint(60, 99), rng.randint(1965, 2001)))
            local = rng.choice(
                (
                    f"{first}.{last}",
                    f"{first}{last}{year}",
                    f"{first}_{last}",
                    f"{first}.{last}{rng.randint(1, 99)}",
                    f"{first[0]}{last}{year}",
                )
            )
        if rng.random() < 0.03:
            local = ".".join(part.capitalize() for part in local.split("."))
        return self.unique_email(local, domain)

    def phone(self, country: str) -> str:
        """A phone number written the way people actually type them."""
        rng = self.rng
        if country == "ES":
            d = "6" + "".join(str(rng.randint(0, 9)) for _ in range(8))
            fmt = rng.choices(range(9), (30, 15, 15, 8, 10, 10, 5, 4, 3))[0]
            return (
                f"{d[:3]} {d[3:6]} {d[6:]}",
                d,
                f"+34 {d[:3]} {d[3:6]} {d[6:]}",
                f"+34 {d[:3]}-{d[3:6]}-{d[6:]}",
                f"+34{d}",
                f"{d[:3]} {d[3:5]} {d[5:7]} {d[7:]}",
                f"(+34) {d[:3]} {d[3:5]} {d[5:7]} {d[7:]}",
                f"0034 {d[:3]} {d[3:6]} {d[6:]}",
                f"{d[:3]}.{d[3:6]}.{d[6:]}",
            )[fmt]
        if country == "GB":
            if rng.random() < 0.6:
                block = rng.choice((rng.randint(7400, 7599), rng.randint(7700, 7999)))
                return f"+44 {block} {rng.randint(100000, 999999)}"
            return f"+44 20 7946 0{rng.randint(0, 999):03d}"
        area = rng.choice(("212", "415", "646", "512", "206", "310"))
        tail = f"01{rng.randint(0, 99):02d}"
        return rng.choice(
            (
                f"+1 ({area}) 555-{tail}",
                f"+1 {area}-555-{tail}",
                f"+1 {area} 555 {tail}",
            )
        )

    def business_time(self, value: datetime) -> datetime:
        """``value`` moved into working hours (07:00-18:00 UTC, Monday to Friday)."""
        rng = self.rng
        if value.hour < 7:
            value = value.replace(hour=rng.randint(7, 9), minute=rng.randint(0, 59))
        elif value.hour >= 18:
            value = (value + timedelta(days=1)).replace(
                hour=rng.randint(7, 10), minute=rng.randint(0, 59)
            )
        if value.weekday() >= 5:
            value = (value + timedelta(days=7 - value.weekday())).replace(
                hour=rng.randint(7, 10), minute=rng.randint(0, 59)
            )
        return value

    def time_between(self, start: datetime, end: datetime) -> datetime:
        """A minute-precision time strictly between ``start`` and ``end``, in work hours
        when that is possible."""
        span = (end - start).total_seconds()
        for _ in range(12):
            t = floor_minute(start + timedelta(seconds=self.rng.uniform(0, span)))
            nudged = floor_minute(self.business_time(t))
            if start < nudged < end:
                return nudged
            if start < t < end and _ > 8:
                return t
        return start + (end - start) / 2

    # ---------------------------------------------------------------- lead parts

    def created_at(
        self, stage: str, today: bool, ages: tuple[float, float] | None = None
    ) -> datetime:
        """When the lead arrived; older the further along the funnel it is.

        ``ages`` forces the age in days into (youngest, oldest), e.g. a campaign's dates.
        """
        rng = self.rng
        if today:
            return DEMO_NOW - timedelta(seconds=rng.randint(10 * 60, 4 * 3600))
        age = rng.uniform(*ages) if ages else self.stage_age(stage)
        day = (DEMO_NOW - timedelta(days=age)).date()
        if day.weekday() >= 5 and rng.random() < 0.6:
            day -= timedelta(days=day.weekday() - 4)
        hour = rng.choices(range(24), HOUR_WEIGHTS)[0]
        created = datetime(
            day.year, day.month, day.day, hour, rng.randint(0, 59), rng.randint(0, 59), tzinfo=UTC
        )
        if created > DEMO_NOW - timedelta(days=1):
            created -= timedelta(days=1)
        return created

    def stage_age(self, stage: str) -> float:
        """A typical age in days for a lead now in ``stage``."""
        rng = self.rng
        roll = rng.random()
        if stage == "new":
            if roll < 0.55:
                return rng.uniform(0.6, 14)
            return rng.uniform(14, 60) if roll < 0.85 else rng.uniform(60, 177)
        if stage == "contacted":
            return rng.uniform(1, 30) if roll < 0.5 else rng.uniform(30, 150)
        low, high = {"qualified": (5, 150), "proposal": (8, 170), "won": (15, 177)}.get(
            stage, (3, 177)
        )
        return rng.uniform(low, high)

    def path(self, stage: str) -> tuple[list[str], str | None]:
        """The stages moved into after ``new`` and, if lost, the stage it was lost from."""
        rng = self.rng
        if stage == "new":
            return [], None
        if stage == "contacted":
            return ["contacted"], None
        if stage == "qualified":
            return (["contacted", "qualified"] if rng.random() < 0.85 else ["qualified"]), None
        if stage == "proposal":
            return rng.choices(
                (
                    ["contacted", "qualified", "proposal"],
                    ["qualified", "proposal"],
                    ["contacted", "proposal"],
                ),
                (75, 15, 10),
            )[0], None
        if stage == "won":
            return rng.choices(
                (
                    ["contacted", "qualified", "proposal", "won"],
                    ["contacted", "qualified", "won"],
                    ["contacted", "proposal", "won"],
                    ["qualified", "proposal", "won"],
                ),
                (70, 15, 10, 5),
            )[0], None
        lost_from = rng.choices(OPEN_STAGES, (20, 35, 25, 20))[0]
        before = self.path(lost_from)[0]
        return [*before, "lost"], lost_from

    def lost_reason(self, lost_from: str, lang: Lang) -> str:
        """Why the deal was lost (mostly from the fixed list)."""
        rng = self.rng
        if rng.random() < 0.12:
            return rng.choice(FREE_LOST_REASONS[lang])
        if lost_from in ("new", "contacted"):
            weights = (5, 5, 15, 35, 25, 15)
        else:
            weights = (35, 30, 10, 5, 5, 15)
        return rng.choices(LOST_REASONS, weights)[0]

    def history(
        self, created: datetime, moves: list[str], reason: str
    ) -> list[tuple[str | None, str, datetime, str]]:
        """Stage history from ``new`` through ``moves``, strictly increasing in time."""
        rng = self.rng
        typical = {"contacted": 1.5, "qualified": 6, "proposal": 8, "won": 12, "lost": 9}
        gaps = [rng.uniform(0.15, 1.6) * typical[m] * 86400 for m in moves]
        span = (DEMO_NOW - created).total_seconds()
        limit = span * rng.uniform(0.55, 0.92)
        if sum(gaps) > limit:
            gaps = [g * limit / sum(gaps) for g in gaps]
        entries: list[tuple[str | None, str, datetime, str]] = [(None, "new", created, "")]
        prev = created
        for move, gap in zip(moves, gaps, strict=True):
            raw = prev + timedelta(seconds=gap)
            t = floor_minute(self.business_time(raw))
            if not prev < t < DEMO_NOW:
                t = floor_minute(raw)
            if not prev < t < DEMO_NOW:
                t = prev + (DEMO_NOW - prev) / 3
                t = floor_minute(t) if floor_minute(t) > prev else t.replace(microsecond=0)
            entries.append((entries[-1][1], move, t, reason if move == "lost" else ""))
            prev = t
        return entries

    def value_cents(self, stage: str, reached: set[str]) -> int:
        """Deal value: zero for many new leads, 500-25,000 once qualified."""
        rng = self.rng

        def big() -> int:
            lo, hi = math.log(50_000), math.log(2_500_000)
            v = math.exp(lo + (hi - lo) * rng.random() ** 1.6)
            return max(50_000, min(2_500_000, round(v / 5_000) * 5_000))

        if stage in ("qualified", "proposal", "won") or reached & {"qualified", "proposal"}:
            return big()
        if stage == "new":
            return 0 if rng.random() < 0.7 else rng.randrange(20_000, 300_001, 5_000)
        if stage == "contacted":
            return 0 if rng.random() < 0.4 else rng.randrange(30_000, 800_001, 5_000)
        return 0 if rng.random() < 0.5 else rng.randrange(30_000, 600_001, 5_000)

    def score(self, stage: str) -> int | None:
        """Lead score, correlated with the stage; sometimes unknown."""
        rng = self.rng
        if rng.random() < 0.12:
            return None
        lo, hi = {
            "new": (5, 60),
            "contacted": (20, 70),
            "qualified": (45, 85),
            "proposal": (55, 95),
            "won": (60, 100),
            "lost": (0, 55),
        }[stage]
        return rng.randint(lo, hi)

    def followup(self, stage: str, created: datetime) -> datetime | None:
        """Next follow-up: none for closed leads; else overdue, today or upcoming."""
        rng = self.rng
        if stage in ("won", "lost") or rng.random() < 0.15:
            return None
        today = DEMO_NOW.replace(hour=0, minute=0, second=0)
        roll = rng.random()
        for _ in range(20):
            if roll < 0.33:
                day = today + timedelta(days=rng.randint(-10, -1))
            elif roll < 0.42:
                day = today
            else:
                day = today + timedelta(days=rng.randint(1, 21))
            if day.weekday() >= 5:
                continue
            slot = rng.randint(14, 35)  # 07:00 .. 17:30 UTC in half hours
            t = day + timedelta(minutes=30 * slot)
            if t > created + timedelta(hours=1):
                return t
            roll = rng.uniform(0.33, 1.0)
        return today + timedelta(days=2, hours=9)

    def tags(self, spec: Spec, campaign: Campaign | None, person: Person) -> list[str]:
        """0-3 tags: campaign tags, a city, and a generic label or two."""
        rng = self.rng
        tags: list[str] = list(spec.extra_tags)
        if campaign is not None and rng.random() < 0.8:
            tags += list(campaign.tags)
        if rng.random() < 0.3:
            if person.lang == "es":
                tags.append(rng.choices(CITY_TAGS["es"], (45, 30, 15, 10))[0])
            elif person.country == "GB":
                tags.append("london")
        if rng.random() < 0.35:
            tags.append(rng.choice(GENERIC_TAGS))
        if spec.stage in ("won", "proposal") and rng.random() < 0.3:
            tags.append(rng.choice(("vip", "retainer")))
        unique: list[str] = []
        for tag in tags:
            if tag not in unique:
                unique.append(tag)
        return unique[:3]

    def campaign_for(self, source: str, lang: Lang, created: datetime) -> Campaign | None:
        """A campaign running at ``created`` for ``source``, if any."""
        age = (DEMO_NOW - created).total_seconds() / 86400
        fits = [
            c
            for c in CAMPAIGNS
            if c.lang == lang and source in c.sources and c.window[1] <= age <= c.window[0]
        ]
        if not fits or (source == "landing_page" and self.rng.random() < 0.2):
            return None
        return self.rng.choice(fits)

    def activities(
        self,
        spec: Spec,
        person: Person,
        created: datetime,
        history: list[tuple[str | None, str, datetime, str]],
        source: str,
        campaign: Campaign | None,
        value: int,
        currency: str,
    ) -> list[tuple[str, datetime, str]]:
        """0-8 activities between ``created`` and ``DEMO_NOW``, sorted by time."""
        rng = self.rng
        lang = person.lang
        money_text = money(value, currency, lang) if value else "sin cerrar"
        if not value and lang == "en":
            money_text = "TBC"
        interested = "interesada" if person.gender == "f" else "interesado"
        fmt = {"value": money_text, "first": person.first.split()[0], "interested": interested}
        out: list[tuple[str, datetime, str]] = []
        if source in FORM_SOURCES:
            body = campaign.form if campaign is not None else FALLBACK_FORMS[lang][source]
            if source == "landing_page" and rng.random() < 0.6:
                label = "Mensaje" if lang == "es" else "Message"
                body += f"\n{label}: {rng.choice(FORM_MESSAGES[lang])}"
            out.append(("form", created, body))
        linked: list[tuple[str, datetime, str]] = []
        for _, to, at, reason in history[1:]:
            if rng.random() < 0.7 or to in ("won", "lost"):
                kind, bodies = STAGE_ACTIVITY[lang][to]
                why = LOST_REASON_TEXT[lang].get(reason, reason)
                text = rng.choice(bodies).format(reason=why, **fmt)
                linked.append((kind, at, text))
        target = {
            "new": (0, 3),
            "contacted": (1, 4),
            "qualified": (2, 6),
            "proposal": (3, 7),
            "won": (3, 8),
            "lost": (1, 6),
        }[spec.stage]
        want = rng.randint(*target)
        fillers: list[tuple[str, datetime, str]] = []
        attempts = 0
        while len(out) + len(linked) + len(fillers) < want and attempts < 60:
            attempts += 1
            t = self.time_between(created, DEMO_NOW)
            stage_then = [h[1] for h in history if h[2] <= t][-1]
            phase = (
                "early"
                if stage_then in ("new", "contacted")
                else "late"
                if stage_then in ("qualified", "proposal")
                else stage_then
            )
            pool = BODIES[lang][phase]
            kinds = list(pool)
            kind = rng.choices(kinds, [4 if k in ("call", "email") else 2 for k in kinds])[0]
            if kind == "meeting" and phase == "early" and rng.random() < 0.7:
                kind = "call"
            text = rng.choice(pool[kind]).format(**fmt)
            if any(text == a[2] for a in out + linked + fillers):
                continue
            if source == "referral" and not fillers and lang == "es" and rng.random() < 0.5:
                kind, text = "note", f"Recomendación de {self.person('es').first}"
            fillers.append((kind, t, text))
        combined = out + linked + fillers
        while len(combined) > 8:
            combined.pop()
        combined.sort(key=lambda a: a[1])
        return combined

    # ---------------------------------------------------------------- whole lead

    def lead(self, spec: Spec) -> JSONDict:
        """One lead as the JSON object the app loads."""
        rng = self.rng
        person = spec.person or self.person(spec.lang)
        company = spec.company or self.company(person)
        if spec.minimal:
            arrived = self.created_at("new", False)
            assert spec.email is not None
            return self.assemble(
                person=person,
                email=spec.email,
                phone=None,
                company=company,
                job_title="",
                website="",
                source=spec.source or "manual",
                campaign=None,
                consent=False,
                stage="new",
                value=0,
                currency="EUR",
                score=None,
                followup=None,
                created=arrived,
                tags=[],
                history=[(None, "new", arrived, "")],
                activities=[],
            )
        if spec.no_email:
            email = None
        else:
            email = spec.email or self.email(person, company)
            if spec.email:
                self.emails[spec.email.casefold()] = spec.email
        p_phone = 0.75 if person.lang == "es" else 0.55
        phone = spec.phone
        if phone is None and (email is None or rng.random() < p_phone):
            phone = self.phone(person.country)
        job_title = (
            spec.job_title if spec.job_title is not None else self.job_title(person, company)
        )
        website = ""
        if company.domain and rng.random() < 0.8:
            website = rng.choices(
                (
                    f"https://www.{company.domain}",
                    f"https://{company.domain}/",
                    f"www.{company.domain}",
                    company.domain,
                    f"http://{company.domain}",
                ),
                (50, 20, 15, 10, 5),
            )[0]
        if spec.source:
            source = spec.source
        elif email is None:
            source = rng.choice(("manual", "event", "referral", "other", "import"))
        else:
            source = rng.choices(list(SOURCE_WEIGHTS), list(SOURCE_WEIGHTS.values()))[0]
        campaign: Campaign | None = None
        created: datetime | None = None
        if not spec.created_today and (source in ("event", "newsletter") or rng.random() < 0.3):
            youngest = MIN_AGE_DAYS[spec.stage]
            fits = [
                c
                for c in CAMPAIGNS
                if c.lang == person.lang and source in c.sources and c.window[0] >= youngest + 1
            ]
            if fits:
                campaign = rng.choice(fits)
                ages = (max(campaign.window[1], youngest), float(campaign.window[0]))
                created = self.created_at(spec.stage, False, ages)
        if created is None:
            created = self.created_at(spec.stage, spec.created_today)
            campaign = self.campaign_for(source, person.lang, created)
        p_consent = {
            "landing_page": 0.9,
            "content_download": 0.92,
            "newsletter": 0.97,
            "event": 0.85,
            "ads": 0.8,
            "social": 0.7,
            "referral": 0.5,
            "import": 0.45,
            "manual": 0.4,
            "other": 0.5,
        }[source]
        consent = rng.random() < p_consent
        moves, lost_from = self.path(spec.stage)
        if spec.created_today and spec.stage == "contacted":
            moves = ["contacted"]
        reason = self.lost_reason(lost_from, person.lang) if lost_from else ""
        history = self.history(created, moves, reason)
        currency = "USD" if person.country == "US" and rng.random() < 0.85 else "EUR"
        value = self.value_cents(spec.stage, set(moves))
        activities = self.activities(
            spec, person, created, history, source, campaign, value, currency
        )
        return self.assemble(
            person=person,
            email=email,
            phone=phone,
            company=company,
            job_title=job_title,
            website=website,
            source=source,
            campaign=campaign,
            consent=consent,
            stage=spec.stage,
            value=value,
            currency=currency,
            score=self.score(spec.stage),
            followup=self.followup(spec.stage, created),
            created=created,
            tags=self.tags(spec, campaign, person),
            history=history,
            activities=activities,
        )

    @staticmethod
    def assemble(
        *,
        person: Person,
        email: str | None,
        phone: str | None,
        company: Company,
        job_title: str,
        website: str,
        source: str,
        campaign: Campaign | None,
        consent: bool,
        stage: str,
        value: int,
        currency: str,
        score: int | None,
        followup: datetime | None,
        created: datetime,
        tags: list[str],
        history: list[tuple[str | None, str, datetime, str]],
        activities: list[tuple[str, datetime, str]],
    ) -> JSONDict:
        """The JSON object, keys in the documented order."""
        return {
            "first_name": person.first,
            "last_name": person.last,
            "email": email,
            "phone": phone,
            "company": company.name,
            "job_title": job_title,
            "website": website,
            "source": source,
            "campaign": campaign.name if campaign else "",
            "utm_source": campaign.utm_source if campaign else "",
            "utm_medium": campaign.utm_medium if campaign else "",
            "utm_campaign": campaign.utm_campaign if campaign else "",
            "consent": consent,
            "consent_at": iso(created) if consent else None,
            "stage": stage,
            "value_cents": value,
            "currency": currency,
            "score": score,
            "next_followup_at": iso(followup) if followup else None,
            "created_at": iso(created),
            "tags": tags,
            "stage_history": [
                {"from": f, "to": t, "at": iso(at), "reason": r} for f, t, at, r in history
            ],
            "activities": [{"kind": k, "at": iso(at), "body": b} for k, at, b in activities],
        }

    # ---------------------------------------------------------------- data set

    def awkward_specs(self) -> list[Spec]:
        """Leads that exist to break things: accents, length, brackets, CJK, emoji."""
        return [
            Spec(
                "contacted",
                "es",
                person=Person("José", "Ñúñez Peñalver", "m", "es", "ES"),
                company=Company("Cañas y Tapas Ñúñez S.L.", "canasytapasnunez.es", "ES"),
                email="jose.nunez@canasytapasnunez.es",
                source="landing_page",
            ),
            Spec(
                "qualified",
                "en",
                person=Person("Zoë", "Brontë", "f", "en", "GB"),
                company=Company("Haworth Parsonage Books Ltd", "haworthbooks.co.uk", "GB"),
                email="zoe.bronte@haworthbooks.co.uk",
                job_title="Owner",
            ),
            Spec(
                "proposal",
                "es",
                person=Person(
                    "María de los Remedios Inmaculada Concepción del Perpetuo Socorro",
                    "Fernández de Córdoba y Álvarez de Toledo-Montalbán de la Peña",
                    "f",
                    "es",
                    "ES",
                ),
                company=Company(
                    "Fundación Cultural Herederos de Álvarez de Toledo",
                    "fundacionalvarezdetoledo.org",
                    "ES",
                ),
                email="remedios.fdezcordoba@gmail.com",
                job_title="Presidenta del Patronato",
                extra_tags=["vip"],
            ),
            Spec(
                "proposal",
                "en",
                person=Person("Dana", "Whitfield", "f", "en", "GB"),
                company=Company("Acme [Labs] (Europe) Ltd", "acmelabs.eu", "GB"),
                email="dana.whitfield@acmelabs.eu",
                job_title="Head of Growth",
            ),
            Spec(
                "new",
                "es",
                person=Person("Marc", "Puig i Vilalta", "m", "es", "ES"),
                company=Company("Studio [/] Design", "studioslashdesign.com", "ES"),
                email="marc@studioslashdesign.com",
                source="social",
                extra_tags=["barcelona"],
            ),
            Spec(
                "contacted",
                "en",
                person=Person("Siobhán", "O'Connor", "f", "en", "GB"),
                company=Company("O'Connor & Daughters Bakery Ltd", "oconnorbakery.co.uk", "GB"),
                email="siobhan@oconnorbakery.co.uk",
            ),
            Spec(
                "contacted",
                "es",
                person=Person("小明", "王", "m", "es", "ES"),
                company=Company("東方貿易 Oriental Trading S.L.", "orientaltrading.es", "ES"),
                email="xiaoming.wang@orientaltrading.es",
                job_title="Director General",
                extra_tags=["madrid", "ecommerce"],
            ),
            Spec(
                "won",
                "es",
                person=Person("Toni", "Ferrándiz", "m", "es", "ES"),
                company=Company("La Pizzería 🍕 de Toni", "pizzeriadetoni.es", "ES"),
                email="toni@pizzeriadetoni.es",
                job_title="Propietario",
                source="referral",
            ),
            Spec(
                "new",
                "es",
                person=Person("", "", "x", "es", "ES"),
                company=Company("", "", "ES"),
                email="k.r.m@protonmail.com",
                source="manual",
                minimal=True,
            ),
        ]

    def build(self) -> JSONDict:
        """The complete data set."""
        rng = self.rng
        specs = self.awkward_specs()
        for spec in specs:
            if spec.email:
                self.emails[spec.email.casefold()] = spec.email
        remaining = dict(STAGE_COUNTS)
        for spec in specs:
            remaining[spec.stage] -= 1
        stages = [s for s, n in remaining.items() for _ in range(n)]
        rng.shuffle(stages)
        total = sum(STAGE_COUNTS.values())
        n_es = round(total * 0.6) - sum(1 for s in specs if s.lang == "es")
        spanish: list[Lang] = ["es"] * n_es
        english: list[Lang] = ["en"] * (len(stages) - n_es)
        langs = spanish + english
        rng.shuffle(langs)
        generic = [Spec(stage, lang) for stage, lang in zip(stages, langs, strict=True)]
        today_new = [s for s in generic if s.stage == "new"][:4]
        today_contacted = [s for s in generic if s.stage == "contacted"][:1]
        for spec in today_new + today_contacted:
            spec.created_today = True
            spec.source = "landing_page"
        for spec in rng.sample([s for s in generic if not s.created_today], 12):
            spec.no_email = True
        leads = [self.lead(spec) for spec in specs + generic]
        leads.sort(key=lambda lead: (lead["created_at"], lead["last_name"]))
        for lead in leads:  # the rules score the others (drawn anyway: the data stays)
            if lead["email"] not in PINNED_SCORES:
                lead["score"] = None
        return {"demo_now": iso(DEMO_NOW), "leads": leads}


PINNED_SCORES = frozenset({"jorge.ortega83@gmail.com", "montserrat@vetsananton.es"})
"""The two leads whose score a salesperson typed (pinned on purpose: the demo shows one)."""


def render() -> str:
    """The exact text of ``leads.json``."""
    data = Generator(SEED).build()
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def main(argv: list[str]) -> int:
    """Write (or with ``--check`` verify) ``leads.json``."""
    text = render()
    if "--check" in argv:
        current = OUT_PATH.read_text(encoding="utf-8") if OUT_PATH.exists() else ""
        if current != text:
            print(f"{OUT_PATH} is out of date; run {Path(__file__).name}", file=sys.stderr)
            return 1
        return 0
    OUT_PATH.write_text(text, encoding="utf-8", newline="\n")
    print(f"wrote {OUT_PATH} ({len(text.encode('utf-8'))} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
