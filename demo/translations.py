"""Spanish translations of part of the demo, made the way an editor's would be.

Each object goes through wagtail-localize: its translation source is extracted,
every segment gets a string translation, and ``Translation.save_target`` writes
the Spanish page or snippet. Nothing is copied by hand. The texts are keyed by
the English segment; a segment missing here fails the run, so the demo and its
translation cannot drift apart unnoticed.

Snippets come first (pages choose them), then pages from the home page down
(a page's parent must exist in Spanish before the page does).
"""

from django.db import transaction
from wagtail.models import DraftStateMixin, Locale
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

from core.models import CallToAction, Claim
from demo import claims
from localization.models import SiteText
from people.models import Testimonial

LANGUAGE = "es"

DISCLOSURE = (
    "Individual results vary. This testimonial describes one patient's experience and is not a "
    "promise of any outcome. Demo content: this testimonial is sample data for the Foramen CMS."
)
DISCLOSURE_ES = (
    "Los resultados individuales varían. Este testimonio describe la experiencia de un paciente "
    "y no es una promesa de ningún resultado. Contenido de demostración: este testimonio es un "
    "dato de ejemplo del CMS Foramen."
)
RECOMMEND = claims.RECOMMEND
RECOMMEND_ES = "de nuestros pacientes recomendarían a su médico"

CLAIM_TEXTS = {
    "95%": "95 %",
    RECOMMEND: RECOMMEND_ES,
    claims.CLAIMS["recommend"]["method"]: (
        "Encuesta anónima enviada por correo seis semanas después del procedimiento; «sí» a "
        "«¿Recomendaría a su médico a un amigo o familiar?»."
    ),
    claims.CLAIMS["recommend"]["population"]: (
        "Pacientes tratados en los centros de la red que respondieron la encuesta"
    ),
    "January to December 2025": "enero a diciembre de 2025",
    "Demo patient survey": "Encuesta de pacientes de demostración",
}

CALLS_TO_ACTION = {
    "Free MRI/CT Review": "Revisión gratuita de su resonancia o tomografía",
    "Send us your most recent MRI or CT scan and one of our spine physicians will review it at "
    "no cost and explain which treatment options may suit you.": (
        "Envíenos su resonancia magnética o tomografía más reciente y uno de nuestros médicos de "
        "columna la revisará sin costo y le explicará qué opciones de tratamiento pueden ser "
        "adecuadas para usted."
    ),
    "Get my free review": "Quiero mi revisión gratuita",
    "Request a Free Info Kit": "Solicite un paquete informativo gratuito",
    "Receive a free information kit about our minimally invasive procedures, our facilities and "
    "what to expect on the day of your procedure.": (
        "Reciba un paquete informativo gratuito sobre nuestros procedimientos mínimamente "
        "invasivos, nuestros centros y lo que puede esperar el día de su procedimiento."
    ),
    "Request my info kit": "Solicitar mi paquete informativo",
    "Connect with a Patient": "Hable con un paciente",
    "Some of our former patients have been kind enough to offer to speak with back and neck pain "
    "sufferers who are looking into treatment options. We encourage you to take them up on it! "
    "After we determine a treatment plan, we’ll connect you with a past patient who had a "
    "similar condition and procedure.": (
        "Algunos de nuestros antiguos pacientes se han ofrecido amablemente a hablar con personas "
        "con dolor de espalda y cuello que están buscando opciones de tratamiento. ¡Le animamos a "
        "aceptar su oferta! Una vez definido su plan de tratamiento, le pondremos en contacto con "
        "un antiguo paciente que tuvo una afección y un procedimiento similares."
    ),
    "We love your questions!": "¡Nos encantan sus preguntas!",
    "Our friendly Patient Care Managers are standing by and ready to help. Call us day or "
    "night and we will answer your questions.": (
        "Nuestros amables coordinadores de atención al paciente están listos para ayudarle. "
        "Llámenos de día o de noche y responderemos a sus preguntas."
    ),
    "Call {phone}": "Llame al {phone}",
}

TESTIMONIALS = {
    "Larry L.": {
        "Larry L.": "Larry L.",
        "Spinal Stenosis": "Estenosis espinal",
        "Laminotomy/ Laminectomy": "Laminotomía/ Laminectomía",
        "I was having to take so much medication because of the pain that i was becoming "
        "addicted to the pain killers.": (
            "Tenía que tomar tantos medicamentos por el dolor que me estaba volviendo adicto a "
            "los analgésicos."
        ),
        "I feel I have been given a new body, virtually without pain. All of my symptoms have "
        "been resolved to the point where I can again enjoy life. [Now I can] GO WITHOUT PAIN "
        "medication!": (
            "Siento que me han dado un cuerpo nuevo, prácticamente sin dolor. Todos mis síntomas "
            "se han resuelto hasta el punto de que puedo volver a disfrutar de la vida. ¡[Ahora "
            "puedo] VIVIR SIN medicamentos PARA EL DOLOR!"
        ),
        "Quality of life was very poor before the surgery. I was in constant pain in my back and "
        "legs 24/7. I also had tremendous pain in my feet and toes. I could not wear regular "
        "shoes without a lot of pain. And I could not sleep because of the pain.": (
            "Mi calidad de vida era muy mala antes de la cirugía. Tenía dolor constante en la "
            "espalda y las piernas las 24 horas. También tenía un dolor tremendo en los pies y "
            "los dedos. No podía usar zapatos normales sin mucho dolor. Y no podía dormir por el "
            "dolor."
        ),
        DISCLOSURE: DISCLOSURE_ES,
    },
    "Maria G.": {
        "Maria G.": "María G.",
        "Herniated Disc": "Hernia de disco",
        "Microdiscectomy": "Microdiscectomía",
        "Within a week of my procedure I was walking my dog again without the burning pain down "
        "my leg.": (
            "A la semana de mi procedimiento ya volvía a pasear a mi perro sin el dolor ardiente "
            "que me bajaba por la pierna."
        ),
        "I had put off surgery for almost a year because I was afraid of a long hospital stay. I "
        "went home the same afternoon.": (
            "Había pospuesto la cirugía casi un año porque temía una larga estancia en el "
            "hospital. Me fui a casa esa misma tarde."
        ),
        DISCLOSURE: DISCLOSURE_ES,
    },
    "Dennis R.": {
        "Dennis R.": "Dennis R.",
        "Degenerative Disc Disease": "Enfermedad degenerativa del disco",
        "Cervical Foraminotomy": "Foraminotomía cervical",
        "The numbness in my right hand is gone, and I can hold a coffee cup again without "
        "thinking about it.": (
            "El entumecimiento de mi mano derecha desapareció y puedo volver a sostener una taza "
            "de café sin pensarlo."
        ),
        "My physician took the time to show me my MRI and explain exactly which nerve was "
        "pinched and why.": (
            "Mi médico se tomó el tiempo de mostrarme mi resonancia y explicarme exactamente qué "
            "nervio estaba comprimido y por qué."
        ),
        DISCLOSURE: DISCLOSURE_ES,
    },
}

SITE_TEXT = {
    "We’re available 24/7. Call us anytime.": (
        "Estamos disponibles las 24 horas, los 7 días. Llámenos cuando quiera."
    ),
    "Demo content: this site was filled in by the Foramen load_demo_content command. The "
    "clinics, addresses, phone numbers, physicians, patient testimonials and statistics shown "
    "here are invented for demonstration only and are not medical advice.": (
        "Contenido de demostración: este sitio fue rellenado por el comando load_demo_content de "
        "Foramen. Las clínicas, direcciones, teléfonos, médicos, testimonios de pacientes y "
        "estadísticas que se muestran son inventados solo como demostración y no constituyen "
        "consejo médico."
    ),
}

HOME = {
    "Home": "Inicio",
    "home": "inicio",
    "Demo site: outpatient, minimally invasive spine procedures at North American Spine "
    "facilities in Texas, Georgia and Arizona.": (
        "Sitio de demostración: procedimientos de columna ambulatorios y mínimamente invasivos en "
        "los centros de North American Spine en Texas, Georgia y Arizona."
    ),
    "Minimally invasive spine care, close to home": (
        "Atención de columna mínimamente invasiva, cerca de usted"
    ),
    "Outpatient procedures for back and neck pain, performed by experienced spine physicians in "
    "facilities built for minimally invasive surgery. Start with a free review of your MRI or "
    "CT scan.": (
        "Procedimientos ambulatorios para el dolor de espalda y cuello, realizados por médicos de "
        "columna con experiencia en centros creados para la cirugía mínimamente invasiva. Empiece "
        "con una revisión gratuita de su resonancia o tomografía."
    ),
    "Featured procedures": "Procedimientos destacados",
    "95%": "95 %",
    RECOMMEND: RECOMMEND_ES,
    "Demo patient survey": "Encuesta de pacientes de demostración",
    "Conditions we treat": "Afecciones que tratamos",
    "Not sure what is causing your pain? Start with the condition your physician has named, or "
    "the one that sounds most like your symptoms.": (
        "¿No sabe qué le causa el dolor? Empiece por la afección que le indicó su médico o por "
        "la que más se parezca a sus síntomas."
    ),
    "How can we help?": "¿Cómo podemos ayudarle?",
    "What our patients say": "Lo que dicen nuestros pacientes",
    "Our facilities": "Nuestros centros",
}

PROCEDURES_INDEX = {
    "Procedures": "Procedimientos",
    "procedures": "procedimientos",
    "Demo: the minimally invasive spine procedures we offer.": (
        "Demostración: los procedimientos de columna mínimamente invasivos que ofrecemos."
    ),
    "Our physicians specialize in minimally invasive, outpatient spine procedures that relieve "
    "pressure on nerves through small incisions. Most patients go home the same day.": (
        "Nuestros médicos se especializan en procedimientos de columna ambulatorios y mínimamente "
        "invasivos que alivian la presión sobre los nervios a través de pequeñas incisiones. La "
        "mayoría de los pacientes se van a casa el mismo día."
    ),
}

CONDITIONS_INDEX = {
    "Conditions": "Afecciones",
    "conditions": "afecciones",
    "Demo: the back and neck conditions we treat.": (
        "Demostración: las afecciones de espalda y cuello que tratamos."
    ),
    "Back and neck pain has many causes. Learn about the most common conditions we treat, their "
    "symptoms, and the procedures that may help.": (
        "El dolor de espalda y cuello tiene muchas causas. Conozca las afecciones más frecuentes "
        "que tratamos, sus síntomas y los procedimientos que pueden ayudar."
    ),
}

LOCATIONS_INDEX = {
    "Locations": "Centros",
    "locations": "centros",
    "Demo: North American Spine facilities and how to reach them.": (
        "Demostración: los centros de North American Spine y cómo llegar a ellos."
    ),
    "Our outpatient facilities focus on minimally invasive spine surgery. Find the one nearest "
    "you, with opening hours, directions and the procedures it offers.": (
        "Nuestros centros ambulatorios se dedican a la cirugía de columna mínimamente invasiva. "
        "Encuentre el más cercano, con su horario, cómo llegar y los procedimientos que ofrece."
    ),
}

LUMBAR_FORAMINOTOMY = {
    "Lumbar Foraminotomy": "Foraminotomía lumbar",
    "lumbar-foraminotomy": "foraminotomia-lumbar",
    "Demo: lumbar foraminotomy, a minimally invasive outpatient procedure for lower back and leg "
    "pain.": (
        "Demostración: foraminotomía lumbar, un procedimiento ambulatorio mínimamente invasivo "
        "para el dolor de la zona lumbar y de las piernas."
    ),
    "A minimally invasive outpatient procedure that enlarges the neural foramen in the lower "
    "spine to relieve pressure on compressed nerve roots.": (
        "Un procedimiento ambulatorio mínimamente invasivo que agranda el foramen neural de la "
        "columna lumbar para aliviar la presión sobre las raíces nerviosas comprimidas."
    ),
    "A foraminotomy is a minimally invasive surgical procedure performed to relieve pain in the "
    "lower spine. A small piece of bone and/or soft tissue is removed from the lumbar (lower) "
    "portion of the spine, resulting in an enlarged space through which nerve roots travel. This "
    "opening is called the neural foramen. The increased space created for the nerve typically "
    "results in a rapid and significant decrease in pain. Lower spine pain may be a result of "
    "degenerative discs, herniation, bulging discs, spinal stenosis, and more.": (
        "La foraminotomía es un procedimiento quirúrgico mínimamente invasivo que se realiza para "
        "aliviar el dolor en la parte baja de la columna. Se extrae un pequeño fragmento de hueso "
        "o de tejido blando de la porción lumbar (inferior) de la columna, lo que agranda el "
        "espacio por el que pasan las raíces nerviosas. Esta abertura se llama foramen neural. El "
        "espacio adicional creado para el nervio suele producir una disminución rápida y "
        "significativa del dolor. El dolor lumbar puede deberse a discos degenerados, hernias, "
        "discos abultados, estenosis espinal y otras causas."
    ),
    "Several weeks": "Varias semanas",
    "Benefits of Lumbar Foraminotomy": "Beneficios de la foraminotomía lumbar",
    "Relief": "Alivio",
    "By relieving pressure on the nerve, pain and numbness are significantly relieved after "
    "surgery, with continual gradual relief over time": (
        "Al aliviar la presión sobre el nervio, el dolor y el entumecimiento disminuyen "
        "notablemente después de la cirugía, con una mejoría gradual y continua con el tiempo"
    ),
    "Outpatient": "Ambulatorio",
    "Usually performed as an outpatient procedure, allowing for faster recovery than "
    "traditional surgery and lower cost to the patient": (
        "Suele realizarse de forma ambulatoria, lo que permite una recuperación más rápida que la "
        "cirugía tradicional y un menor costo para el paciente"
    ),
    "Lower Infection Rate": "Menor tasa de infección",
    "North American Spine facilities focus specifically on minimally invasive surgery, not on "
    "illness and infection. With an infection rate that is less than 1%, your risk of "
    "developing an infection or an illness is far lower than it would be at a large hospital": (
        "Los centros de North American Spine se dedican específicamente a la cirugía mínimamente "
        "invasiva, no a la enfermedad ni a la infección. Con una tasa de infección inferior al "
        "1 %, su riesgo de contraer una infección o una enfermedad es mucho menor que en un gran "
        "hospital"
    ),
    "Minimally invasive technique": "Técnica mínimamente invasiva",
    "allows surgeon to preserve muscle, ligaments and tendons so there is less postoperative "
    "pain.": (
        "permite al cirujano preservar músculos, ligamentos y tendones, por lo que hay menos "
        "dolor postoperatorio."
    ),
    "Best Outcomes": "Mejores resultados",
    "95% of our patients would recommend their physician": (
        "El 95 % de nuestros pacientes recomendaría a su médico"
    ),
    "What Lumbar Foraminotomy Treats": "Qué trata la foraminotomía lumbar",
    "95%": "95 %",
    RECOMMEND: RECOMMEND_ES,
    "Demo patient survey": "Encuesta de pacientes de demostración",
    "Details of the Lumbar Foraminotomy": "Detalles de la foraminotomía lumbar",
    "Lumbar foraminotomy aims to relieve the symptoms of nerve impingement in the lower spine by "
    "enlarging the neural foramen. The procedure is performed through a small incision—an inch "
    "or less in size—in the lower back. Specialized instruments are used to gain access to the "
    "compressed foramen and the intruding spinal disc material. With guidance from a surgical "
    "microscope and live X-rays displayed on a monitor, the surgeon uses specialized tools to "
    "remove the sections of the disc that are pressing on the nerve.": (
        "La foraminotomía lumbar busca aliviar los síntomas de la compresión nerviosa en la parte "
        "baja de la columna agrandando el foramen neural. El procedimiento se realiza a través de "
        "una pequeña incisión, de unos dos centímetros y medio o menos, en la zona lumbar. Se usan "
        "instrumentos especializados para acceder al foramen comprimido y al material del disco "
        "que lo invade. Guiado por un microscopio quirúrgico y por radiografías en tiempo real en "
        "un monitor, el cirujano retira con herramientas especializadas las partes del disco que "
        "presionan el nervio."
    ),
    "Preparing for the Lumbar Foraminotomy": "Cómo prepararse para la foraminotomía lumbar",
    "Before pursuing a foraminotomy, prospective patients should have tried conservative "
    "methods, such as physical therapy, chiropractic, and spinal injections. If those methods "
    "have not produced meaningful relief, you may be a candidate for a North American Spine "
    "procedure.": (
        "Antes de optar por una foraminotomía, los pacientes deben haber probado métodos "
        "conservadores, como la fisioterapia, la quiropráctica y las inyecciones espinales. Si "
        "esos métodos no le han dado un alivio significativo, puede ser candidato a un "
        "procedimiento de North American Spine."
    ),
    "Explore Our Facilities": "Conozca nuestros centros",
    "Lumbar Foraminotomy Recovery": "Recuperación de la foraminotomía lumbar",
    "This procedure is typically performed on an outpatient basis. Many patients will notice "
    "immediate improvement of some or all of their symptoms. Other symptoms may improve more "
    "gradually. Many patients who undergo a lumbar foraminotomy can often return to their "
    "regular activities within several weeks. This can vary depending on the individual "
    "patient, number of levels treated, and other factors. Recovery will include rest, physical "
    "therapy, and may include a course of pain management medication.": (
        "Este procedimiento suele realizarse de forma ambulatoria. Muchos pacientes notan una "
        "mejoría inmediata de algunos o todos sus síntomas. Otros síntomas pueden mejorar de "
        "forma más gradual. Muchos pacientes operados de foraminotomía lumbar pueden volver a sus "
        "actividades habituales en pocas semanas. Esto puede variar según el paciente, el número "
        "de niveles tratados y otros factores. La recuperación incluye reposo y fisioterapia, y "
        "puede incluir un tratamiento con medicamentos para el dolor."
    ),
    "Day of surgery": "Día de la cirugía",
    "Most patients walk within a few hours and go home the same day.": (
        "La mayoría de los pacientes camina a las pocas horas y se va a casa el mismo día."
    ),
    "First two weeks": "Primeras dos semanas",
    "Rest, short walks and care of the small incision; avoid lifting, bending and twisting.": (
        "Reposo, caminatas cortas y cuidado de la pequeña incisión; evite levantar peso, "
        "agacharse y girar el tronco."
    ),
    "Weeks 2 to 6": "Semanas 2 a 6",
    "Physical therapy rebuilds strength and flexibility; many patients return to desk work.": (
        "La fisioterapia recupera la fuerza y la flexibilidad; muchos pacientes vuelven al "
        "trabajo de oficina."
    ),
    "Many patients return to their regular activities within several weeks; your surgeon will "
    "tell you when heavier work and exercise are safe.": (
        "Muchos pacientes vuelven a sus actividades habituales en pocas semanas; su cirujano le "
        "dirá cuándo puede hacer trabajos más pesados y ejercicio sin riesgo."
    ),
    "Connect With A Patient": "Hable con un paciente",
}

SPINAL_STENOSIS = {
    "Spinal Stenosis": "Estenosis espinal",
    "spinal-stenosis": "estenosis-espinal",
    "Demo: A narrowing of the spinal canal or of the openings where nerves leave the spine, which "
    "squeezes the nerves and causes pain, numbness or weakness.": (
        "Demostración: un estrechamiento del canal espinal o de las aberturas por donde los "
        "nervios salen de la columna, que comprime los nervios y causa dolor, entumecimiento o "
        "debilidad."
    ),
    "A narrowing of the spinal canal or of the openings where nerves leave the spine, which "
    "squeezes the nerves and causes pain, numbness or weakness.": (
        "Un estrechamiento del canal espinal o de las aberturas por donde los nervios salen de la "
        "columna, que comprime los nervios y causa dolor, entumecimiento o debilidad."
    ),
    "Pain or cramping in the legs when standing or walking that eases when sitting": (
        "Dolor o calambres en las piernas al estar de pie o al caminar, que se alivian al sentarse"
    ),
    "Lower back pain": "Dolor en la zona lumbar",
    "Numbness or tingling in the buttocks, legs or feet": (
        "Entumecimiento u hormigueo en los glúteos, las piernas o los pies"
    ),
    "In the neck: numbness or weakness in the arms and hands": (
        "En el cuello: entumecimiento o debilidad en los brazos y las manos"
    ),
    "Most stenosis comes with age: thickened ligaments, bone spurs from arthritis and bulging "
    "discs gradually take up space in the canal. Some people are born with a narrower canal.": (
        "La mayoría de las estenosis se deben a la edad: los ligamentos engrosados, los espolones "
        "óseos de la artrosis y los discos abultados van ocupando poco a poco el espacio del "
        "canal. Algunas personas nacen con un canal más estrecho."
    ),
    "An MRI or CT scan shows where and how much the canal is narrowed; X-rays show bone spurs "
    "and the alignment of the spine.": (
        "Una resonancia magnética o una tomografía muestra dónde y cuánto se ha estrechado el "
        "canal; las radiografías muestran los espolones óseos y la alineación de la columna."
    ),
    "Understanding spinal stenosis": "Qué es la estenosis espinal",
    "Leaning forward, as on a shopping cart, often eases the pain of lumbar stenosis because it "
    "opens the canal a little. When walking distance keeps shrinking despite therapy and "
    "injections, removing the bone or ligament that narrows the canal can give the nerves room "
    "again.": (
        "Inclinarse hacia adelante, como al apoyarse en un carrito de compras, suele aliviar el "
        "dolor de la estenosis lumbar porque abre un poco el canal. Cuando la distancia que puede "
        "caminar sigue reduciéndose a pesar de la fisioterapia y las inyecciones, retirar el hueso "
        "o el ligamento que estrecha el canal puede devolver espacio a los nervios."
    ),
    "Where we treat it": "Dónde la tratamos",
}

DALLAS = {
    "Dallas, Texas": "Dallas, Texas",
    "dallas-tx": "dallas-tx",
    "Demo: North American Spine in Dallas, TX.": (
        "Demostración: North American Spine en Dallas, TX."
    ),
    "Our Dallas facility near Uptown, with two procedure suites and on-site imaging.": (
        "Nuestro centro de Dallas cerca de Uptown, con dos salas de procedimientos y diagnóstico "
        "por imagen en el mismo centro."
    ),
    "From the Dallas North Tollway, take the Wycliff Avenue exit east, then turn left onto Cedar "
    "Springs Parkway. The building is on the right, after the pharmacy.": (
        "Desde la Dallas North Tollway, tome la salida de Wycliff Avenue hacia el este y gire a "
        "la izquierda en Cedar Springs Parkway. El edificio está a la derecha, después de la "
        "farmacia."
    ),
    "Free patient parking in the garage behind the building; bring your ticket to reception for "
    "validation.": (
        "Estacionamiento gratuito para pacientes en el garaje detrás del edificio; traiga su "
        "boleto a la recepción para validarlo."
    ),
    "Step-free entrance from the garage, lifts to every floor, six accessible parking spaces by "
    "the entrance and a hearing loop at reception.": (
        "Entrada sin escalones desde el garaje, ascensores a todas las plantas, seis plazas de "
        "estacionamiento accesibles junto a la entrada y un bucle de inducción auditiva en la "
        "recepción."
    ),
    "About our Dallas facility": "Sobre nuestro centro de Dallas",
    "Our Dallas facility opened in 2012 and was designed from the ground up for minimally "
    "invasive, outpatient spine surgery. Most patients arrive in the morning and go home the "
    "same afternoon.": (
        "Nuestro centro de Dallas abrió en 2012 y se diseñó desde cero para la cirugía de columna "
        "ambulatoria y mínimamente invasiva. La mayoría de los pacientes llega por la mañana y se "
        "va a casa esa misma tarde."
    ),
    "Physicians in Dallas": "Médicos en Dallas",
    "What our patients say": "Lo que dicen nuestros pacientes",
    "Bright reception area with seating and a front desk": (
        "Recepción luminosa con asientos y un mostrador de atención"
    ),
    "The reception area": "La recepción",
    "Procedure suite with an operating table and imaging monitors": (
        "Sala de procedimientos con una mesa de operaciones y monitores de imagen"
    ),
    "One of our two procedure suites": "Una de nuestras dos salas de procedimientos",
}


# The lead forms: what they share, then each form's own words.
LEAD_FORM_COMMON = {
    "Demo form: please do not send real health information.": (
        "Formulario de demostración: no envíe información de salud real."
    ),
    "By sending this form you agree that our patient care team may contact you by phone or "
    "email about your request and keep what you send for that purpose.": (
        "Al enviar este formulario, acepta que nuestro equipo de atención al paciente se ponga en "
        "contacto con usted por teléfono o correo electrónico sobre su solicitud y conserve lo "
        "que envía con ese fin."
    ),
    "This form is not for emergencies: in an emergency, call 911.": (
        "Este formulario no es para emergencias: en caso de emergencia, llame al 911."
    ),
    "Full name": "Nombre completo",
    "Email": "Correo electrónico",
    "Phone": "Teléfono",
    "A US number, such as 214-555-0100.": "Un número de EE. UU., por ejemplo 214-555-0100.",
}

LEAD_FORMS = {
    "mri-review": {
        **LEAD_FORM_COMMON,
        "Free MRI/CT Review": "Revisión gratuita de su resonancia o tomografía",
        "free-mri-ct-review": "revision-gratuita-resonancia-tomografia",
        "New submission: Free MRI/CT Review": (
            "Nueva solicitud: revisión gratuita de resonancia o tomografía"
        ),
        "Send us your most recent MRI or CT report or images and one of our spine physicians "
        "will review them at no cost.": (
            "Envíenos el informe o las imágenes de su resonancia magnética o tomografía más "
            "reciente y uno de nuestros médicos de columna los revisará sin costo."
        ),
        "Symptoms": "Síntomas",
        "Where is the pain, how long have you had it, what makes it worse?": (
            "¿Dónde le duele, desde cuándo y qué lo empeora?"
        ),
        "MRI or CT report or images": "Informe o imágenes de resonancia o tomografía",
        "A PDF, JPEG, PNG or DICOM file of at most 25 MB.": (
            "Un archivo PDF, JPEG, PNG o DICOM de 25 MB como máximo."
        ),
        "Thank you. One of our spine physicians will look at your scan at no cost.": (
            "Gracias. Uno de nuestros médicos especialistas en columna revisará su estudio sin "
            "costo alguno."
        ),
    },
    "info-kit": {
        **LEAD_FORM_COMMON,
        "Request a Free Info Kit": "Solicite un paquete informativo gratuito",
        "free-info-kit": "paquete-informativo-gratuito",
        "New submission: Request a Free Info Kit": (
            "Nueva solicitud: paquete informativo gratuito"
        ),
        "Tell us where to send your free information kit about our procedures and facilities.": (
            "Díganos adónde enviarle su paquete informativo gratuito sobre nuestros "
            "procedimientos y centros."
        ),
        "Street address": "Dirección",
        "City": "Ciudad",
        "State": "Estado",
        "ZIP code": "Código postal",
        "Thank you. Your info kit is on its way by post.": (
            "Gracias. Su paquete informativo va de camino por correo postal."
        ),
    },
    "connect": {
        **LEAD_FORM_COMMON,
        "Connect with a Patient": "Hable con un paciente",
        "connect-with-a-patient": "hable-con-un-paciente",
        "New submission: Connect with a Patient": "Nueva solicitud: hable con un paciente",
        "Talk to a former patient who had a similar condition and procedure.": (
            "Hable con un antiguo paciente que tuvo una afección y un procedimiento similares."
        ),
        "Condition": "Afección",
        "For example: herniated disc, spinal stenosis.": (
            "Por ejemplo: hernia de disco, estenosis espinal."
        ),
        "Procedure of interest": "Procedimiento que le interesa",
        "How should we contact you?": "¿Cómo prefiere que le contactemos?",
        "Phone<br/>Email": "Teléfono<br/>Correo electrónico",
        "Thank you. We will be in touch to arrange a conversation with a former patient.": (
            "Gracias. Nos pondremos en contacto con usted para organizar una conversación con un "
            "antiguo paciente."
        ),
    },
    "call-back-dallas": {
        **LEAD_FORM_COMMON,
        "Call me back": "Llámenme",
        "call-me-back": "llamenme",
        "New submission: Call me back": "Nueva solicitud: llámenme",
        "Leave your number and our Dallas team will call you.": (
            "Déjenos su número y nuestro equipo de Dallas le llamará."
        ),
        "Best time to call": "Mejor momento para llamarle",
        "Morning<br/>Afternoon<br/>Evening": "Mañana<br/>Tarde<br/>Noche",
        "Thank you. We will call you at the time you chose.": (
            "Gracias. Le llamaremos en el momento que ha elegido."
        ),
    },
}


def spanish_locale():
    return Locale.objects.get_or_create(language_code=LANGUAGE)[0]


def translate(instance, texts, locale):
    """Translate ``instance`` into ``locale`` through wagtail-localize, one string per segment.

    Returns the translated instance, live. Raises KeyError naming an English segment that
    ``texts`` lacks.
    """
    source, _created = TranslationSource.update_or_create_from_instance(instance)
    translation, _created = Translation.objects.get_or_create(
        source=source, target_locale=locale, defaults={"enabled": True}
    )
    segments = StringSegment.objects.filter(source=source).select_related("string", "context")
    for segment in segments:
        english = segment.string.data
        if english not in texts:
            raise KeyError(f"No Spanish demo text for {english!r} ({instance})")
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=locale,
            context=segment.context,
            defaults={"data": texts[english]},
        )
    # Drafts first, then an explicit publish: wagtail-localize publishes on commit, which
    # inside the loader's transaction (and a test's) would come too late or never.
    drafts_possible = isinstance(instance, DraftStateMixin)
    translation.save_target(publish=not drafts_possible)
    target = translation.get_target_instance()
    if drafts_possible:
        target.get_latest_revision().publish()
        target.refresh_from_db()
    return target


def _ensure(ctx, kind, instance, texts, locale):
    if instance.has_translation(locale):
        ctx.report.add_present(kind)
        return instance.get_translation(locale)
    target = translate(instance, texts, locale)
    ctx.report.add_created(kind)
    return target


def _site_text(ctx):
    """The English site text, from the site settings, which the Spanish one translates."""
    from core.models import SiteSettings

    settings = SiteSettings.for_site(ctx.site)
    text, _created = SiteText.objects.get_or_create(
        site=ctx.site,
        locale=Locale.get_default(),
        defaults={
            "phone_banner_text": settings.phone_banner_text,
            "footer_text": settings.footer_text,
        },
    )
    return text


def ensure_spanish_translations(ctx):
    locale = spanish_locale()
    kind = "Spanish translations"
    with transaction.atomic():
        # The network's calls to action; the affiliate brand's site is English only.
        network_calls = CallToAction.objects.filter(
            locale=Locale.get_default(), heading__in=CALLS_TO_ACTION
        )
        for call_to_action in network_calls:
            _ensure(ctx, kind, call_to_action, CALLS_TO_ACTION, locale)
        for claim in Claim.objects.filter(locale=Locale.get_default(), wording__in=[RECOMMEND]):
            _ensure(ctx, kind, claim, CLAIM_TEXTS, locale)
        for name, texts in TESTIMONIALS.items():
            testimonial = Testimonial.objects.get(display_name=name, locale=Locale.get_default())
            _ensure(ctx, kind, testimonial, texts, locale)
        _ensure(ctx, kind, _site_text(ctx), SITE_TEXT, locale)
        _ensure(ctx, kind, ctx.home, HOME, locale)
        _ensure(ctx, kind, ctx.indexes["procedures"], PROCEDURES_INDEX, locale)
        _ensure(ctx, kind, ctx.indexes["conditions"], CONDITIONS_INDEX, locale)
        _ensure(ctx, kind, ctx.indexes["locations"], LOCATIONS_INDEX, locale)
        _ensure(ctx, kind, ctx.procedures["lumbar-foraminotomy"], LUMBAR_FORAMINOTOMY, locale)
        _ensure(ctx, kind, ctx.conditions["spinal-stenosis"], SPINAL_STENOSIS, locale)
        _ensure(ctx, kind, ctx.locations["dallas-tx"], DALLAS, locale)
        # Under the home page and Dallas, so after them.
        for key, texts in LEAD_FORMS.items():
            _ensure(ctx, kind, ctx.lead_forms[key], texts, locale)
